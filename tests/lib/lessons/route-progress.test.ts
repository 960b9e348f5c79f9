import { describe, expect, it } from 'vitest';
import {
  clearProgress,
  EMPTY_PROGRESS,
  loadProgress,
  PROGRESS_KEY,
  saveProgress,
} from '../../../src/lib/lessons/progress.ts';
import { lessonIn, pageHash, pageOf, withLesson } from '../../../src/lib/lessons/route.ts';
import { fromHash } from '../../../src/lib/form/url-state.ts';
import { getMethod } from '../../../src/lib/methods/index.ts';

class MemoryStorage implements Storage {
  readonly #items = new Map<string, string>();
  get length() {
    return this.#items.size;
  }
  clear() {
    this.#items.clear();
  }
  getItem(key: string) {
    return this.#items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.#items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.#items.delete(key);
  }
  setItem(key: string, value: string) {
    this.#items.set(key, value);
  }
}

const known = (id: string) => ['first-call', 'export-formats'].includes(id);

describe('lesson addresses', () => {
  it('names the pages, and nothing else, as pages', () => {
    expect(pageOf('#/lessons')).toBe('lessons');
    expect(pageOf('#/about')).toBe('about');
    expect(pageOf(pageHash('about'))).toBe('about');
    for (const hash of ['', '#/', '#/exp_records', '#/lessonsx', '#/about?x=1', '#/constructor'])
      expect(pageOf(hash)).toBeNull();
  });

  it('adds the lesson and its step (1-based) to a method hash, which still opens the method', () => {
    const hash = withLesson('#/exp_rc_v?format=json&_mock=classic-demo%2Fbob', {
      id: 'first-call',
      step: 1,
    });
    expect(hash).toBe('#/exp_rc_v?format=json&_mock=classic-demo%2Fbob&_lesson=first-call&_step=2');
    expect(lessonIn(hash)).toEqual({ id: 'first-call', step: 1 });
    expect(fromHash(hash, getMethod)).toEqual({
      methodId: 'exp_rc_v',
      values: { format: 'json' },
      mock: 'classic-demo/bob',
    });
    expect(withLesson('#/exp_rc_v', { id: 'x', step: 0 })).toBe('#/exp_rc_v?_lesson=x&_step=1');
    expect(withLesson('#/exp_rc_v', null)).toBe('#/exp_rc_v');
  });

  it('reads a bad step as the first, and a bad lesson id as none', () => {
    expect(lessonIn('#/exp_rc_v?_lesson=first-call&_step=0')).toEqual({
      id: 'first-call',
      step: 0,
    });
    expect(lessonIn('#/exp_rc_v?_lesson=first-call&_step=2.5')).toEqual({
      id: 'first-call',
      step: 0,
    });
    expect(lessonIn('#/exp_rc_v?_lesson=first-call')).toEqual({ id: 'first-call', step: 0 });
    expect(lessonIn('#/exp_rc_v?_lesson=%3Cscript%3E&_step=3')).toBeNull();
    expect(lessonIn('#/exp_rc_v?_lesson=&_step=3')).toBeNull();
    expect(lessonIn('#/exp_rc_v')).toBeNull();
  });
});

describe('lesson progress in the tab', () => {
  it('keeps what is done and the step reached, and resets', () => {
    const storage = new MemoryStorage();
    saveProgress(storage, {
      done: ['first-call'],
      steps: new Map([['export-formats', 1]]),
      presenting: true,
    });
    const loaded = loadProgress(storage, known);
    expect(loaded.done).toEqual(['first-call']);
    expect([...loaded.steps]).toEqual([['export-formats', 1]]);
    expect(loaded.presenting).toBe(true);
    clearProgress(storage);
    expect(storage.getItem(PROGRESS_KEY)).toBeNull();
    expect(loadProgress(storage, known)).toEqual(EMPTY_PROGRESS);
  });

  it('never holds a token: whatever else sits under the key is dropped, not written back', () => {
    const storage = new MemoryStorage();
    const token = '3F2504E04F8911D39A0C0305E82C3301';
    storage.setItem(
      PROGRESS_KEY,
      JSON.stringify({
        done: ['first-call', token, 'gone-lesson'],
        steps: [
          ['first-call', 1],
          [token, 2],
        ],
        presenting: false,
        token,
      }),
    );
    const loaded = loadProgress(storage, known);
    expect(loaded.done).toEqual(['first-call']);
    saveProgress(storage, loaded);
    expect(storage.getItem(PROGRESS_KEY)).not.toContain(token);
    expect(JSON.parse(storage.getItem(PROGRESS_KEY)!)).toEqual({
      done: ['first-call'],
      steps: [['first-call', 1]],
      presenting: false,
    });
  });

  it('starts empty on broken JSON, a wrong shape, no storage, or a storage that throws', () => {
    const storage = new MemoryStorage();
    for (const raw of ['{', 'null', '[]', '{"done":"x","steps":[],"presenting":false}']) {
      storage.setItem(PROGRESS_KEY, raw);
      expect(loadProgress(storage, known)).toEqual(EMPTY_PROGRESS);
    }
    expect(loadProgress(null, known)).toEqual(EMPTY_PROGRESS);
    const throwing = Object.assign(new MemoryStorage(), {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
    });
    expect(loadProgress(throwing, known)).toEqual(EMPTY_PROGRESS);
    expect(() => saveProgress(throwing, EMPTY_PROGRESS)).not.toThrow();
  });
});

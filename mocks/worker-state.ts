import { Moved, ownBuffer } from '../src/lib/worker/rpc.ts';
import { summarizeAccess, type AccessSummary } from '../src/lib/project/user-access.ts';
import type { MockRedcap } from './redcap.ts';
import { loadState, readState, readStateBytes, writeState } from './state/file.ts';
import type { Keeper } from './state/keep.ts';
import type { MockDescription, MockRedcapApi, OpenedDemo } from './worker-protocol.ts';

/**
 * The worker's side of Save demo, Open demo and "keep the mock's data across reloads"
 * (mocks/worker-host.ts serves these with its other calls).
 */

export type StateCalls = Pick<
  MockRedcapApi,
  'saveState' | 'openState' | 'keepState' | 'restoreKept' | 'keptState'
>;

function opened(redcap: MockRedcap, describe: () => MockDescription): OpenedDemo {
  const today = redcap.store.now().toISOString().slice(0, 10);
  const access: [string, AccessSummary][] = [];
  for (const project of redcap.store.projects)
    for (const user of project.users)
      if (user.token !== '') access.push([user.token, summarizeAccess(user, today)]);
  return { ok: true, description: describe(), access };
}

export function stateCalls(
  redcap: MockRedcap,
  keeper: Keeper | null,
  describe: () => MockDescription,
): StateCalls {
  const noKeeping = 'This browser gives the mock no IndexedDB, so its data cannot be kept.';
  return {
    saveState() {
      const saved = writeState(redcap.store);
      if (!saved.ok) return new Moved(saved, []);
      const bytes = ownBuffer(new TextEncoder().encode(saved.text));
      return new Moved({ ok: true, bytes }, [bytes]);
    },
    openState(bytes) {
      const read = readStateBytes(new Uint8Array(bytes));
      if (!read.ok) return read;
      loadState(redcap.store, read.data);
      keeper?.changed();
      return opened(redcap, describe);
    },
    async keepState(on) {
      if (!keeper) return { on: false, problem: noKeeping };
      try {
        await keeper.set(on);
        return { on: keeper.on, problem: null };
      } catch (error) {
        return { on: keeper.on, problem: error instanceof Error ? error.message : String(error) };
      }
    },
    keptState: () => ({ on: keeper?.on ?? false, problem: keeper?.problem ?? null }),
    async restoreKept() {
      if (!keeper) return { on: false, problem: null };
      let text: string | undefined;
      try {
        text = await keeper.restore();
      } catch (error) {
        return { on: false, problem: error instanceof Error ? error.message : String(error) };
      }
      if (text === undefined) return { on: false, problem: null };
      const read = readState(text);
      if (!read.ok) return { on: true, problem: read.message };
      loadState(redcap.store, read.data);
      return { on: true, problem: null };
    },
  };
}

import { describe, expect, it } from 'vitest';
import { ALICE_LONGITUDINAL_TOKEN, ALICE_TOKEN } from '../../mocks/fixtures/index.ts';
import { createMockRedcap, type MockRedcap } from '../../mocks/redcap.ts';
import { foldPhpPairs } from '../../src/lib/redcap/decode.ts';
import { sendPairs, type Pairs } from './redcap-error.ts';

/**
 * Issue #18, item 6: names from outside that collide with JavaScript (`constructor`,
 * `__proto__`, `toString`, `hasOwnProperty`) are data like any other name.
 */

const JS_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty'] as const;

const send = sendPairs;

const call = (redcap: MockRedcap, fields: Record<string, string>, extra: Pairs = []) =>
  send(redcap, [['token', ALICE_TOKEN], ...Object.entries(fields), ...extra]);

/** The classic demo with a text field `constructor` on the demographics form. */
async function withConstructorField(): Promise<MockRedcap> {
  const redcap = createMockRedcap();
  const exported = await call(redcap, { content: 'metadata', format: 'json' });
  const rows = JSON.parse(exported.text) as Record<string, string>[];
  const template = rows.find((r) => r['field_name'] === 'first_name')!;
  const at = rows.indexOf(template) + 1;
  rows.splice(at, 0, { ...template, field_name: 'constructor', field_label: 'Constructor' });
  const imported = await call(redcap, {
    content: 'metadata',
    action: 'import',
    format: 'json',
    data: JSON.stringify(rows),
  });
  expect(imported.status).toBe(200);
  return redcap;
}

describe('decoded parameters', () => {
  it('keep __proto__, constructor, toString and hasOwnProperty as plain parameters', () => {
    const fields = foldPhpPairs([
      ['__proto__[]', 'x'],
      ['constructor', 'c'],
      ['toString[]', 't'],
      ['hasOwnProperty', 'h'],
    ]);
    expect(Object.getPrototypeOf(fields)).toBe(null);
    expect(fields['__proto__']).toEqual(['x']);
    expect(fields['constructor']).toBe('c');
    expect(fields['toString']).toEqual(['t']);
    expect(fields['hasOwnProperty']).toBe('h');
    expect(Object.keys(fields)).toEqual(['__proto__', 'constructor', 'toString', 'hasOwnProperty']);
  });

  for (const name of JS_NAMES) {
    it(`a request with ${name}[]=x and ${name}=y still answers as REDCap does`, async () => {
      const redcap = createMockRedcap();
      const answer = await send(redcap, [
        ['token', ALICE_TOKEN],
        ['content', 'version'],
        [`${name}[]`, 'x'],
        [name, 'y'],
      ]);
      expect(answer.status).toBe(200);
      const missing = await send(redcap, [
        [`${name}[]`, 'x'],
        ['content', 'version'],
      ]);
      expect(missing.status).toBe(403);
    });
  }
});

describe('a field named constructor', () => {
  it('exports its value in JSON, CSV and XML, and never Object’s constructor', async () => {
    const redcap = await withConstructorField();
    const imported = await call(redcap, {
      content: 'record',
      action: 'import',
      format: 'json',
      data: JSON.stringify([{ record_id: '1', constructor: 'built' }]),
    });
    expect(imported.status).toBe(200);
    const json = await call(redcap, { content: 'record', format: 'json' }, [['records[]', '1']]);
    const rows = JSON.parse(json.text) as Record<string, string>[];
    expect(rows[0]!['constructor']).toBe('built');
    const blank = await call(redcap, { content: 'record', format: 'json' }, [['records[]', '2']]);
    expect((JSON.parse(blank.text) as Record<string, string>[])[0]!['constructor']).toBe('');
    const csv = await call(redcap, { content: 'record', format: 'csv' }, [
      ['fields[]', 'constructor'],
    ]);
    expect(csv.text).not.toContain('native code');
    expect(csv.text).toContain('built');
    const xml = await call(redcap, { content: 'record', format: 'xml' }, [['records[]', '1']]);
    expect(xml.text).toContain('<constructor><![CDATA[built]]></constructor>');
    expect(xml.text).not.toContain('native code');
  });

  it('exports in Project XML and ODM records as its own value, blank when unset', async () => {
    const redcap = await withConstructorField();
    await call(redcap, {
      content: 'record',
      action: 'import',
      format: 'json',
      data: JSON.stringify([{ record_id: '1', constructor: 'built' }]),
    });
    const xml = await call(redcap, { content: 'project_xml', returnMetadataOnly: 'false' });
    expect(xml.status).toBe(200);
    expect(xml.text).toContain('ItemOID="constructor" Value="built"');
    expect(xml.text).not.toContain('native code');
    // Record 2 has no value: no ItemData for the field, and no function text.
    const odm = await call(redcap, { content: 'record', format: 'odm' }, [['records[]', '2']]);
    expect(odm.status).toBe(200);
    expect(odm.text).not.toContain('<ItemData ItemOID="constructor"');
    expect(odm.text).not.toContain('native code');
  });

  it('filterLogic reads it', async () => {
    const redcap = await withConstructorField();
    await call(redcap, {
      content: 'record',
      action: 'import',
      format: 'json',
      data: JSON.stringify([{ record_id: '2', constructor: 'x' }]),
    });
    const hit = await call(redcap, {
      content: 'record',
      format: 'json',
      filterLogic: "[constructor] = 'x'",
    });
    expect(hit.status).toBe(200);
    const ids = (JSON.parse(hit.text) as { record_id: string }[]).map((r) => r.record_id);
    expect([...new Set(ids)]).toEqual(['2']);
    const blank = await call(redcap, {
      content: 'record',
      format: 'json',
      filterLogic: "[constructor] = ''",
    });
    expect(blank.status).toBe(200);
    expect(JSON.parse(blank.text).length).toBeGreaterThan(0);
  });

  it('Export PDF answers a PDF', async () => {
    const redcap = await withConstructorField();
    for (const extra of [[['record', '1']], []] as Pairs[]) {
      const pdf = await call(redcap, { content: 'pdf', instrument: 'demographics' }, extra);
      expect(pdf.status).toBe(200);
      expect(pdf.text.startsWith('%PDF')).toBe(true);
    }
  });
});

describe('records named like JavaScript properties', () => {
  for (const name of JS_NAMES) {
    it(`record ${name}: import, export (json, csv, xml), rename and delete`, async () => {
      const redcap = createMockRedcap();
      const imported = await call(redcap, {
        content: 'record',
        action: 'import',
        format: 'json',
        data: JSON.stringify([{ record_id: name, first_name: 'JS' }]),
      });
      expect(imported).toMatchObject({ status: 200, text: '{"count": 1}' });
      const csvImport = await call(redcap, {
        content: 'record',
        action: 'import',
        format: 'csv',
        data: `record_id,last_name\n${name},Name\n`,
      });
      expect(csvImport.status).toBe(200);
      const json = await call(redcap, { content: 'record', format: 'json' }, [['records[]', name]]);
      expect(JSON.parse(json.text)).toMatchObject([
        { record_id: name, first_name: 'JS', last_name: 'Name' },
      ]);
      const csv = await call(redcap, { content: 'record', format: 'csv' }, [
        ['records[]', name],
        ['fields[]', 'record_id'],
        ['fields[]', 'first_name'],
      ]);
      expect(csv.text.split('\n')[1]).toMatch(new RegExp(`^${name},.*,JS$`));
      const xml = await call(redcap, { content: 'record', format: 'xml', type: 'eav' }, [
        ['records[]', name],
      ]);
      expect(xml.text).toContain(`<record><![CDATA[${name}]]></record>`);
      const deleted = await call(redcap, { content: 'record', action: 'delete' }, [
        ['records[]', name],
      ]);
      expect(deleted).toMatchObject({ status: 200, text: '1' });
      const gone = await call(redcap, { content: 'record', format: 'json' }, [['records[]', name]]);
      expect(gone.text).toBe('[]');
    });
  }
});

describe('arms and events named like JavaScript properties', () => {
  it('import, list and select by them in a longitudinal project', async () => {
    const redcap = createMockRedcap();
    const longitudinal = (fields: Record<string, string>) =>
      send(redcap, [
        ['token', ALICE_LONGITUDINAL_TOKEN],
        ['format', 'json'],
        ...Object.entries(fields),
      ]);
    for (const [i, name] of JS_NAMES.entries()) {
      const arm = String(7 + i);
      const arms = await longitudinal({
        content: 'arm',
        action: 'import',
        data: JSON.stringify([{ arm_num: arm, name }]),
      });
      expect(arms).toMatchObject({ status: 200, text: '1' });
      const events = await longitudinal({
        content: 'event',
        action: 'import',
        data: JSON.stringify([{ event_name: name, arm_num: arm }]),
      });
      expect(events).toMatchObject({ status: 200, text: '1' });
    }
    const listed = JSON.parse((await longitudinal({ content: 'event' })).text) as {
      event_name: string;
      unique_event_name: string;
    }[];
    const ours = listed.filter((e) => (JS_NAMES as readonly string[]).includes(e.event_name));
    expect(ours.map((e) => e.event_name)).toEqual([...JS_NAMES]);
    const armList = JSON.parse((await longitudinal({ content: 'arm' })).text) as { name: string }[];
    expect(armList.map((a) => a.name)).toEqual(expect.arrayContaining([...JS_NAMES]));
    for (const e of ours) {
      const records = await longitudinal({ content: 'record', 'events[]': e.unique_event_name });
      expect(records).toMatchObject({ status: 200, text: '[]' });
    }
    // A bare name is not a unique event name: a 400, never a match on Object.prototype.
    const bare = await longitudinal({
      content: 'record',
      filterLogic: "[constructor][record_id] <> ''",
    });
    expect(bare.status).toBe(400);
  });
});

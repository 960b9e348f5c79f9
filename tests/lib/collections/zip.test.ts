import { describe, expect, it } from 'vitest';
import { buildCollectionDownload } from '../../../src/lib/collections/download.ts';
import { crc32, zip } from '../../../src/lib/collections/zip.ts';
import { getMethod } from '../../../src/lib/methods/index.ts';

/** The stored ZIP of a Bruno download, read back by the format's own directory. */
function unzip(bytes: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - 22;
  expect(view.getUint32(end, true)).toBe(0x06054b50);
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const files = new Map<string, Uint8Array>();
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const crc = view.getUint32(at + 16, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const offset = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    expect(view.getUint32(offset, true)).toBe(0x04034b50);
    const localName = view.getUint16(offset + 26, true);
    const data = bytes.subarray(offset + 30 + localName, offset + 30 + localName + size);
    expect(crc32(data), name).toBe(crc);
    files.set(name, data);
    at += 46 + nameLength;
  }
  return files;
}

describe('zip', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it('stores entries that read back byte for byte, UTF-8 names included', () => {
    const entries = [
      { path: 'a/b.bru', bytes: new TextEncoder().encode('meta {\n}\n') },
      { path: 'Zoë/ü.txt', bytes: new Uint8Array([0, 255, 10]) },
    ];
    const files = unzip(zip(entries));
    expect([...files.keys()]).toEqual(['a/b.bru', 'Zoë/ü.txt']);
    expect([...files.get('Zoë/ü.txt')!]).toEqual([0, 255, 10]);
  });

  it('holds a whole Bruno collection with the files its examples upload', () => {
    const download = buildCollectionDownload('bruno', 'catalog', getMethod('exp_records'), {});
    const files = unzip(download.bytes);
    const names = [...files.keys()];
    expect(
      names.filter((n) => n.endsWith('.bru') && !/(folder|collection)\.bru$/.test(n)),
    ).toHaveLength(55);
    expect(names).toContain('redcap-api/bruno.json');
    expect(names).toContain('redcap-api/consent.pdf');
  });
});

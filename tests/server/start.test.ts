import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, parsePort } from '../../src/server/start.ts';

describe('parsePort', () => {
  it('defaults to 4173', () => {
    expect(parsePort(undefined)).toBe(DEFAULT_PORT);
    expect(parsePort('')).toBe(4173);
  });

  it('accepts 0 (a free port) and any port number', () => {
    expect(parsePort('0')).toBe(0);
    expect(parsePort('8080')).toBe(8080);
  });

  it.each(['-1', '65536', '80.5', 'http'])('refuses %s', (value) => {
    expect(() => parsePort(value)).toThrow('PORT must be an integer from 0 to 65535');
  });
});

import { describe, expect, it } from 'vitest';
import { checkToken, cleanToken } from '../../src/lib/redcap/connection.ts';

const PROJECT = 'D41D8CD98F00B204E9800998ECF8427E';

describe('cleanToken', () => {
  it('removes surrounding spaces and line breaks and says so', () => {
    expect(cleanToken(`  ${PROJECT}\r\n`)).toEqual({ token: PROJECT, trimmed: true });
    expect(cleanToken(PROJECT)).toEqual({ token: PROJECT, trimmed: false });
  });
});

describe('checkToken', () => {
  it('accepts 32 hex characters as a project token, in either case', () => {
    expect(checkToken(PROJECT)).toEqual({ kind: 'project' });
    expect(checkToken(PROJECT.toLowerCase())).toEqual({ kind: 'project' });
  });

  it('accepts 64 hex characters as a super token', () => {
    expect(checkToken(PROJECT + PROJECT)).toEqual({ kind: 'super' });
  });

  it('refuses a token with a line break inside, without repeating it', () => {
    const result = checkToken(`${PROJECT.slice(0, 16)}\n${PROJECT.slice(16)}`);
    expect(result).toEqual({ problem: expect.stringMatching(/line break/) });
    expect(JSON.stringify(result)).not.toContain(PROJECT.slice(0, 16));
  });

  it('says how long a token should be and what it may contain', () => {
    expect(checkToken('abc')).toEqual({ problem: expect.stringMatching(/32 characters.*has 3/) });
    expect(checkToken('Z'.repeat(32))).toEqual({
      problem: expect.stringMatching(/not 0–9 or A–F/),
    });
    expect(checkToken('')).toEqual({ problem: expect.stringMatching(/API page/) });
  });
});

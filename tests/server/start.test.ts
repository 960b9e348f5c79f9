import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, forwarderLimits, parsePort } from '../../src/server/start.ts';

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

describe('forwarderLimits', () => {
  it('leaves every limit to its default when nothing is set', () => {
    expect(forwarderLimits({})).toEqual({});
  });

  it('reads seconds, MiB and a count from FORWARD_* settings', () => {
    expect(
      forwarderLimits({
        FORWARD_TIMEOUT_S: '2.5',
        FORWARD_MAX_BODY_MB: '1',
        FORWARD_MAX_ANSWER_MB: '100',
        FORWARD_MAX_CONCURRENT: '3',
      }),
    ).toEqual({
      timeoutMs: 2500,
      maxBodyBytes: 1048576,
      maxAnswerBytes: 100 * 1048576,
      maxConcurrent: 3,
    });
  });

  it.each(['0', '-1', 'ten', 'Infinity'])('refuses %s as a limit, naming the setting', (value) => {
    expect(() => forwarderLimits({ FORWARD_TIMEOUT_S: value })).toThrow(
      `FORWARD_TIMEOUT_S must be a positive number, got "${value}"`,
    );
  });
});

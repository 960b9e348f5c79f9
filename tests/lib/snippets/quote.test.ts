import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  csharpString,
  goString,
  javaString,
  jsString,
  perlString,
  phpString,
  powershellString,
  pythonString,
  rString,
  rubyString,
  shellQuote,
} from '../../../src/lib/snippets/quote.ts';
import { findInterpreter } from '../../support/interpreters.ts';

/** Values that break naive quoting, in some language or other. */
const VALUES = [
  "[age] > 30 and [sex] = '1'",
  '[{"record_id":"1","notes":"say \\"hi\\"\nnext line"}]',
  "it's \"both\" 'quotes'",
  '$HOME ${x} `id` $(id) {$x} %s %d',
  'back\\slash \\n \\\\ end\\',
  'tab\there\r\nCRLF\rCR',
  'Zoë Ålesund 日本 🙂 ẞ',
  'bidi \u202e override, zero\u200bwidth, nbsp\u00a0, line\u2028sep, bom\ufeff',
  'controls \u0001 \u001b[31m \u007f \u0085',
  '</script> ?> <?php',
  '',
];

const hex = (value: string) => Buffer.from(value, 'utf8').toString('hex');
const work = mkdtempSync(join(tmpdir(), 'snippet-quote-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Language {
  readonly target: string;
  readonly file: string;
  /** A program printing the UTF-8 bytes of each literal in hex, one line each. */
  readonly program: (literals: readonly string[]) => string;
}

const LANGUAGES: readonly Language[] = [
  {
    target: 'shell-curl',
    file: 'quote.sh',
    program: (lits) =>
      lits.map((l) => `printf '%s' ${l} | od -An -v -tx1 | tr -d ' \\n'; echo`).join('\n'),
  },
  {
    target: 'python-requests',
    file: 'quote.py',
    program: (lits) => lits.map((l) => `print(${l}.encode().hex())`).join('\n'),
  },
  {
    target: 'r-httr',
    file: 'quote.R',
    program: (lits) =>
      lits
        .map((l) => `cat(paste(charToRaw(enc2utf8(${l})), collapse = ""), "\\n", sep = "")`)
        .join('\n'),
  },
  {
    target: 'php-curl',
    file: 'quote.php',
    program: (lits) => `<?php\n${lits.map((l) => `echo bin2hex(${l}), "\\n";`).join('\n')}\n`,
  },
  {
    target: 'ruby-net-http',
    file: 'quote.rb',
    program: (lits) => lits.map((l) => `puts ${l}.unpack1("H*")`).join('\n'),
  },
  {
    target: 'perl-lwp',
    file: 'quote.pl',
    program: (lits) => lits.map((l) => `print unpack("H*", ${l}), "\\n";`).join('\n'),
  },
  {
    target: 'java-httpclient',
    file: 'Quote.java',
    program: (lits) =>
      [
        'public class Quote {',
        '  public static void main(String[] args) {',
        ...lits.map(
          (l) =>
            `    for (byte b : ${l}.getBytes(java.nio.charset.StandardCharsets.UTF_8)) System.out.printf("%02x", b); System.out.println();`,
        ),
        '  }',
        '}',
      ].join('\n'),
  },
  {
    target: 'csharp-httpclient',
    file: 'quote.cs',
    program: (lits) =>
      [
        'public static class Quote {',
        '  public static void Main() {',
        ...lits.map(
          (l) =>
            `    System.Console.WriteLine(System.BitConverter.ToString(System.Text.Encoding.UTF8.GetBytes(${l})).Replace("-", "").ToLowerInvariant());`,
        ),
        '  }',
        '}',
      ].join('\n'),
  },
  {
    target: 'go-net-http',
    file: 'quote.go',
    program: (lits) =>
      [
        'package main',
        'import "fmt"',
        'func main() {',
        ...lits.map((l) => `\tfmt.Printf("%x\\n", ${l})`),
        '}',
      ].join('\n'),
  },
];

const QUOTERS: Readonly<Record<string, (value: string) => string>> = {
  'shell-curl': shellQuote,
  'python-requests': pythonString,
  'r-httr': rString,
  'php-curl': phpString,
  'ruby-net-http': rubyString,
  'perl-lwp': perlString,
  'java-httpclient': javaString,
  'csharp-httpclient': csharpString,
  'go-net-http': goString,
};

describe('string literals', () => {
  it('JavaScript reads back every value exactly', () => {
    for (const value of VALUES) {
      expect(new Function(`return ${jsString(value)};`)()).toBe(value);
    }
  });

  for (const language of LANGUAGES) {
    const found = findInterpreter(language.target);
    if (!found.ok && process.env['CI'] !== 'true') {
      it.skip(`${language.file}: skipped, ${found.why}`, () => {});
      continue;
    }
    it(`${language.target}: its interpreter reads back every value exactly`, () => {
      if (!found.ok) throw new Error(`required under CI: ${found.why}`);
      const file = join(work, language.file);
      writeFileSync(file, language.program(VALUES.map(QUOTERS[language.target]!)));
      const { command, args } = found.interpreter;
      const out = execFileSync(command, [...args, file], {
        env: { PATH: process.env['PATH'], LC_ALL: 'C.UTF-8' },
      });
      expect(out.toString().split('\n').slice(0, -1)).toEqual(VALUES.map(hex));
    });
  }

  it('show invisible characters as escapes, never literally', () => {
    const sneaky = 'a\u202eb\u200bc\u00a0d\u2028e\tf';
    const quoters = [shellQuote, pythonString, rString, phpString, jsString, powershellString];
    for (const quote of [...quoters, ...Object.values(QUOTERS)]) {
      expect(quote(sneaky)).not.toMatch(/[\u202e\u200b\u00a0\u2028\t]/);
    }
  });

  it('keep printable text readable where the language allows it', () => {
    expect(pythonString('Zoë 🙂')).toBe('"Zoë 🙂"');
    expect(jsString('Zoë 🙂')).toBe("'Zoë 🙂'");
    expect(phpString('Zoë 🙂')).toBe("'Zoë 🙂'");
    expect(shellQuote('Zoë 🙂')).toBe("'Zoë 🙂'");
    // R reads a script in the session's locale: only escapes are UTF-8 everywhere.
    expect(rString('Zoë 🙂')).toBe('"Zo\\u00eb \\U0001f642"');
  });

  it('pick the quote that needs fewer escapes', () => {
    expect(pythonString(`[sex] = '1'`)).toBe(`"[sex] = '1'"`);
    expect(pythonString('{"a":"b"}')).toBe(`'{"a":"b"}'`);
    expect(jsString(`[sex] = '1'`)).toBe(`"[sex] = '1'"`);
    expect(shellQuote(`[sex] = '1'`)).toBe(`"[sex] = '1'"`);
    expect(shellQuote(`$x = '1'`)).toBe(`'$x = '\\''1'\\'''`);
    expect(phpString(`[sex] = '1'`)).toBe(`"[sex] = '1'"`);
    expect(rString('{"a":"b"}')).toBe(`'{"a":"b"}'`);
  });

  it('never let Ruby, Perl or PowerShell interpolate, nor Java read a \\u escape early', () => {
    expect(rubyString('#{x} #$y\n')).toBe('"\\#{x} \\#$y\\n"');
    expect(perlString('$x @y\n')).toBe('"\\$x \\@y\\n"');
    expect(perlString("$x @y 'q'")).toBe(`'$x @y \\'q\\''`);
    expect(powershellString("$x `y' \u2019")).toBe(`'$x \`y'' \u2019\u2019'`);
    expect(powershellString('$x\n"y"')).toBe('"`$x`n`"y`""');
    expect(javaString('a\nb\u0001\u00e9\\u0041')).toBe('"a\\nb\\001\\u00e9\\\\u0041"');
  });
});

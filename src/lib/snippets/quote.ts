/**
 * String literals for each snippet language. Every function returns a literal that the language
 * reads back as exactly `value`. Printable text (accents, CJK, emoji) stays as it is, except in
 * R; characters a reader cannot see are written as escapes: control characters, bidi and
 * zero-width format characters (no "Trojan Source"), line and paragraph separators, and every
 * space but U+0020. NUL and lone surrogates never get here (checkRequest refuses them).
 */

const INVISIBLE = /^(?:[\p{C}\p{Zl}\p{Zp}]|(?! )\p{Zs})$/u;

function isInvisible(ch: string): boolean {
  return INVISIBLE.test(ch);
}

function hex(cp: number, width: number): string {
  return cp.toString(16).padStart(width, '0');
}

function count(value: string, ch: string): number {
  return value.split(ch).length - 1;
}

const COMMON: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** Escapes character by character; `special` handles what the language needs beyond COMMON. */
function escapeWith(value: string, special: (ch: string, cp: number) => string | null): string {
  let out = '';
  for (const ch of value) out += special(ch, ch.codePointAt(0)!) ?? ch;
  return out;
}

/**
 * POSIX shell: '…', or "…" when that reads better (a ' and nothing bash expands in "…"), or
 * bash's $'…' with \xNN bytes when a character is invisible (newlines included).
 */
export function shellQuote(value: string): string {
  if (![...value].some(isInvisible)) {
    if (value.includes("'") && !/[$`"\\!]/.test(value)) return `"${value}"`;
    return `'${value.replace(/'/g, `'\\''`)}'`;
  }
  const bytes = (ch: string) =>
    [...new TextEncoder().encode(ch)].map((b) => `\\x${hex(b, 2)}`).join('');
  const body = escapeWith(value, (ch) =>
    ch === "'" ? "\\'" : (COMMON[ch] ?? (isInvisible(ch) ? bytes(ch) : null)),
  );
  return `$'${body}'`;
}

/** Python 3: double quotes unless single quotes need fewer escapes (as black does). */
export function pythonString(value: string): string {
  const quote = count(value, '"') > count(value, "'") ? "'" : '"';
  const body = escapeWith(value, (ch, cp) => {
    if (ch === quote) return `\\${ch}`;
    if (COMMON[ch]) return COMMON[ch];
    if (!isInvisible(ch)) return null;
    return cp < 0x100 ? `\\x${hex(cp, 2)}` : cp < 0x10000 ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`;
  });
  return `${quote}${body}${quote}`;
}

/**
 * JavaScript: single quotes unless double quotes need fewer escapes (as Prettier does); `</` as
 * `<\/` so the code can also sit inside a <script> element.
 */
export function jsString(value: string): string {
  const quote = count(value, "'") > count(value, '"') ? '"' : "'";
  const body = escapeWith(value, (ch, cp) => {
    if (ch === quote) return `\\${ch}`;
    if (COMMON[ch]) return COMMON[ch];
    if (!isInvisible(ch)) return null;
    return cp < 0x100
      ? `\\x${hex(cp, 2)}`
      : cp < 0x10000
        ? `\\u${hex(cp, 4)}`
        : `\\u{${hex(cp, 0)}}`;
  });
  return `${quote}${body.replace(/<\//g, '<\\/')}${quote}`;
}

/**
 * R: double quotes unless the value has " and no ' (tidyverse style). Everything outside ASCII
 * is a \u escape: R reads a script in the session's locale, and only escapes are UTF-8 in all.
 */
export function rString(value: string): string {
  const quote = value.includes('"') && !value.includes("'") ? "'" : '"';
  const body = escapeWith(value, (ch, cp) => {
    if (ch === quote) return `\\${ch}`;
    if (COMMON[ch]) return COMMON[ch];
    if (cp < 0x80 && !isInvisible(ch)) return null;
    return cp < 0x10000 ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`;
  });
  return `${quote}${body}${quote}`;
}

/**
 * PHP: '…' (where only \\ and \' are escapes), or "…" when it is shorter or a character is
 * invisible; "…" escapes $ so nothing is interpolated.
 */
export function phpString(value: string): string {
  const double = `"${escapeWith(value, (ch, cp) => {
    if (ch === '"' || ch === '$') return `\\${ch}`;
    if (COMMON[ch]) return COMMON[ch];
    return isInvisible(ch) ? `\\u{${hex(cp, 0)}}` : null;
  })}"`;
  const single = `'${value.replace(/[\\']/g, '\\$&')}'`;
  return [...value].some(isInvisible) || double.length < single.length ? double : single;
}

function hasInvisible(value: string): boolean {
  return [...value].some(isInvisible);
}

/**
 * Ruby: '…' (only \\ and \' are escapes), or "…" with \u{…} escapes when a character is
 * invisible; "…" escapes # so nothing is interpolated (#{…}, #$x, #@x).
 */
export function rubyString(value: string): string {
  if (!hasInvisible(value)) return `'${value.replace(/[\\']/g, '\\$&')}'`;
  const body = escapeWith(value, (ch, cp) => {
    if (ch === '"' || ch === '#') return `\\${ch}`;
    if (COMMON[ch]) return COMMON[ch];
    return isInvisible(ch) ? `\\u{${hex(cp, 0)}}` : null;
  });
  return `"${body}"`;
}

/**
 * Perl without `use utf8`: strings are UTF-8 bytes, as LWP sends them. '…', or "…" when a
 * character is invisible, its bytes written as \xNN; "…" escapes $ and @ (no interpolation).
 */
export function perlString(value: string): string {
  if (!hasInvisible(value)) return `'${value.replace(/[\\']/g, '\\$&')}'`;
  const bytes = (ch: string) =>
    [...new TextEncoder().encode(ch)].map((b) => `\\x${hex(b, 2)}`).join('');
  const body = escapeWith(value, (ch) => {
    if (ch === '"' || ch === '$' || ch === '@') return `\\${ch}`;
    if (COMMON[ch]) return COMMON[ch];
    return isInvisible(ch) ? bytes(ch) : null;
  });
  return `"${body}"`;
}

/**
 * Java: everything outside printable ASCII as an escape (`java File.java` reads the source in
 * the platform's charset before Java 18). Java turns \uXXXX into characters before it parses,
 * so control characters (a \u000a would end the line) are octal escapes instead.
 */
export function javaString(value: string): string {
  let body = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    const unit = value.charCodeAt(i);
    if (ch === '"' || ch === '\\') body += `\\${ch}`;
    else if (COMMON[ch]) body += COMMON[ch];
    else if (unit < 0x20 || (unit >= 0x7f && unit < 0xa0))
      body += `\\${unit.toString(8).padStart(3, '0')}`;
    else if (unit >= 0x80) body += `\\u${hex(unit, 4)}`;
    else body += ch;
  }
  return `"${body}"`;
}

/** C#: "…" with \uXXXX / \UXXXXXXXX for invisible characters (never \x: its length varies). */
export function csharpString(value: string): string {
  const body = escapeWith(value, (ch, cp) => {
    if (ch === '"') return '\\"';
    if (COMMON[ch]) return COMMON[ch];
    if (!isInvisible(ch)) return null;
    return cp < 0x10000 ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`;
  });
  return `"${body}"`;
}

/** Go: "…" with \uXXXX / \UXXXXXXXX for invisible characters (\xNN would be a byte). */
export function goString(value: string): string {
  const body = escapeWith(value, (ch, cp) => {
    if (ch === '"') return '\\"';
    if (COMMON[ch]) return COMMON[ch];
    if (!isInvisible(ch)) return null;
    return cp < 0x10000 ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`;
  });
  return `"${body}"`;
}

/** Characters PowerShell reads as single and as double quotes (typographic ones too). */
const PS_SINGLE = /['\u2018\u2019\u201a\u201b]/g;
const PS_DOUBLE = new Set(['"', '\u201c', '\u201d', '\u201e']);

/**
 * PowerShell: '…' (a quote doubled, typographic quotes included: PowerShell reads them as
 * quotes too), or "…" with backtick escapes (`n, `u{…}) when a character is invisible; "…"
 * escapes $ and ` so nothing is interpolated. `u{…} needs PowerShell 6 or later.
 */
export function powershellString(value: string): string {
  if (!hasInvisible(value)) return `'${value.replace(PS_SINGLE, '$&$&')}'`;
  const body = escapeWith(value, (ch, cp) => {
    if (PS_DOUBLE.has(ch) || ch === '$' || ch === '`') return `\`${ch}`;
    if (ch === '\n') return '`n';
    if (ch === '\r') return '`r';
    if (ch === '\t') return '`t';
    return isInvisible(ch) ? `\`u{${hex(cp, 0)}}` : null;
  });
  return `"${body}"`;
}

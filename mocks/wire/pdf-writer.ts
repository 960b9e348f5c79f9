/**
 * A small, valid PDF 1.4 writer in plain TypeScript: Letter pages of text in the standard
 * Helvetica fonts (nothing embedded), WinAnsi text, one content stream per page, and a cross-
 * reference table with exact byte offsets so any reader opens it without repairing.
 */

export interface PdfLine {
  readonly text: string;
  readonly bold?: boolean;
  /** Font size in points; 10 by default. */
  readonly size?: number;
  /** Left indent in points. */
  readonly indent?: number;
}

const PAGE_WIDTH = 612;
const PAGE_HEIGHT = 792;
const MARGIN = 54;
/** Helvetica averages about half an em per character: a safe wrap width. */
const CHAR_WIDTH = 0.52;

/** Code points WinAnsiEncoding places outside Latin-1 (the common ones). */
const WIN_ANSI: Readonly<Record<string, number>> = {
  '€': 0x80,
  '‚': 0x82,
  '„': 0x84,
  '…': 0x85,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
  '™': 0x99,
};

/** Text as WinAnsi bytes (one char per byte), PDF string escapes applied; the rest as `?`. */
function pdfString(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    let byte = WIN_ANSI[ch] ?? (code >= 0x20 && code <= 0xff && code !== 0x7f ? code : 0x3f);
    if (code === 0x09) byte = 0x20;
    const c = String.fromCharCode(byte);
    out += c === '\\' || c === '(' || c === ')' ? `\\${c}` : c;
  }
  return `(${out})`;
}

/** Splits text into lines that fit the page at a size, breaking at spaces when it can. */
function wrap(text: string, size: number, indent: number): string[] {
  const max = Math.max(10, Math.floor((PAGE_WIDTH - 2 * MARGIN - indent) / (size * CHAR_WIDTH)));
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let rest = paragraph;
    while (rest.length > max) {
      const cut = rest.lastIndexOf(' ', max);
      const at = cut > max / 2 ? cut : max;
      lines.push(rest.slice(0, at));
      rest = rest.slice(at).trimStart();
    }
    lines.push(rest);
  }
  return lines;
}

/** Page content streams: lines laid out top to bottom, a new page when one is full. */
function layout(lines: readonly PdfLine[]): string[] {
  const pages: string[] = [];
  let ops: string[] = [];
  let y = PAGE_HEIGHT - MARGIN;
  const flush = () => {
    pages.push(ops.join('\n'));
    ops = [];
    y = PAGE_HEIGHT - MARGIN;
  };
  for (const line of lines) {
    const size = line.size ?? 10;
    const indent = line.indent ?? 0;
    for (const part of wrap(line.text, size, indent)) {
      const leading = size * 1.4;
      if (y - leading < MARGIN) flush();
      y -= leading;
      const font = line.bold ? '/F2' : '/F1';
      ops.push(
        `BT ${font} ${size} Tf ${MARGIN + indent} ${y.toFixed(2)} Td ${pdfString(part)} Tj ET`,
      );
    }
  }
  if (ops.length > 0 || pages.length === 0) flush();
  return pages;
}

/** The PDF file: catalog, page tree, two fonts, the pages, xref and trailer. */
export function pdfDocument(lines: readonly PdfLine[], title: string): Uint8Array {
  const pages = layout(lines);
  const objects: string[] = [];
  const pageIds = pages.map((_, i) => 6 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  objects[4] =
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>';
  objects[5] = `<< /Title ${pdfString(title)} /Producer (REDCap API Playground mock) >>`;
  pages.forEach((content, i) => {
    objects[pageIds[i]!] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] ` +
      `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageIds[i]! + 1} 0 R >>`;
    objects[pageIds[i]! + 1] = `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
  });
  // Every char is one byte (WinAnsi), so string lengths are byte offsets.
  let out = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = out.length;
    out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = out.length;
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) {
    out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  }
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  const bytes = new Uint8Array(out.length);
  for (let i = 0; i < out.length; i++) bytes[i] = out.charCodeAt(i);
  return bytes;
}

import {
  batchPlan,
  bodyEntries,
  fileUploadComment,
  FILE_NAME_COMMENT,
  FILE_NAME_PATTERN,
  introComments,
  MISSING_TOKEN,
  type BodyEntry,
} from '../code-builder.ts';
import { javaString as java } from '../quote.ts';
import { defineTarget, TOKEN_ENV, type BodyFormat } from '../types.ts';

const UTF8 = 'StandardCharsets.UTF_8';

/**
 * A comment in ASCII: javac reads the source in the platform's charset (before Java 18) and
 * stops at a byte it cannot map. Java reads \uXXXX anywhere, comments included.
 */
function comment(text: string): string {
  const ascii = text.replace(
    /[^\x20-\x7e]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `// ${ascii}`;
}

/** A regular expression for the string value of a JSON key, its inside in group 1. */
function jsonValueRegex(key: string): string {
  const name = key.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
  return `"${name}"\\s*:\\s*"((?:[^"\\\\]|\\\\.)*)"`;
}

/** The body of redcapError, per error shape (§1.8); Java has no JSON parser of its own. */
const ERROR_BODY: Readonly<Record<BodyFormat, readonly string[]>> = {
  json: [
    `        Matcher match = Pattern.compile(${java(jsonValueRegex('error'))}).matcher(text);`,
    '        return match.find() ? jsonString(match.group(1)) : text;',
  ],
  csv: ['        return text.replaceFirst("^ERROR: ", "");'],
  xml: [
    '        Matcher match = Pattern.compile("<error>(.*)</error>", Pattern.DOTALL).matcher(text);',
    '        return match.find() ? match.group(1) : text;',
  ],
};

/** Reads the inside of a JSON string literal: Java's standard library has no JSON parser. */
const JSON_STRING = [
  '    /** The text of a JSON string literal (without its quotes). */',
  '    static String jsonString(String literal) {',
  '        StringBuilder out = new StringBuilder();',
  '        for (int i = 0; i < literal.length(); i++) {',
  '            char c = literal.charAt(i);',
  "            if (c != '\\\\') {",
  '                out.append(c);',
  '                continue;',
  '            }',
  '            char escape = literal.charAt(++i);',
  '            switch (escape) {',
  "                case 'n' -> out.append('\\n');",
  "                case 'r' -> out.append('\\r');",
  "                case 't' -> out.append('\\t');",
  "                case 'b' -> out.append('\\b');",
  "                case 'f' -> out.append('\\f');",
  "                case 'u' -> {",
  '                    out.append((char) Integer.parseInt(literal.substring(i + 1, i + 5), 16));',
  '                    i += 4;',
  '                }',
  '                default -> out.append(escape);',
  '            }',
  '        }',
  '        return out.toString();',
  '    }',
  '',
];

const POST_FORM = [
  '        StringBuilder form = new StringBuilder();',
  '        for (Pair p : pairs) {',
  "            if (form.length() > 0) form.append('&');",
  `            form.append(URLEncoder.encode(p.name(), ${UTF8})).append('=')`,
  `                .append(URLEncoder.encode(p.value(), ${UTF8}));`,
  '        }',
  '        HttpRequest request = HttpRequest.newBuilder(URI.create(URL))',
  '            .header("Content-Type", "application/x-www-form-urlencoded")',
  '            .POST(HttpRequest.BodyPublishers.ofString(form.toString()))',
  '            .build();',
];

const POST_MULTIPART = [
  '        // java.net.http has no multipart builder: the parts are written by hand.',
  '        String boundary = "RedcapBoundary" + System.nanoTime();',
  '        ByteArrayOutputStream body = new ByteArrayOutputStream();',
  '        for (Pair p : pairs) {',
  '            String head = "--" + boundary + "\\r\\nContent-Disposition: form-data; name=\\"" + p.name() + "\\"";',
  '            if (p.fileType() != null) {',
  '                head += "; filename=\\"" + p.value() + "\\"\\r\\nContent-Type: " + p.fileType();',
  '            }',
  `            body.write((head + "\\r\\n\\r\\n").getBytes(${UTF8}));`,
  '            body.write(p.fileType() != null',
  '                ? Files.readAllBytes(Path.of(p.value()))',
  `                : p.value().getBytes(${UTF8}));`,
  `            body.write("\\r\\n".getBytes(${UTF8}));`,
  '        }',
  `        body.write(("--" + boundary + "--\\r\\n").getBytes(${UTF8}));`,
  '        HttpRequest request = HttpRequest.newBuilder(URI.create(URL))',
  '            .header("Content-Type", "multipart/form-data; boundary=" + boundary)',
  '            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))',
  '            .build();',
];

function pair(e: BodyEntry): string {
  if (e.kind === 'token') return `new Pair(${java(e.name)}, token)`;
  if (e.kind === 'text') return `new Pair(${java(e.name)}, ${java(e.value)})`;
  return `new Pair(${java(e.name)}, ${java(e.fileName)}, ${java(e.type)})`;
}

function pairs(name: string, entries: readonly BodyEntry[]): string[] {
  const lines = [`        List<Pair> ${name} = List.of(`];
  entries.forEach((e, i) => {
    if (e.kind === 'file') lines.push(`            ${comment(fileUploadComment(e.fileName))}`);
    lines.push(`            ${pair(e)}${i < entries.length - 1 ? ',' : ''}`);
  });
  return [...lines, '        );'];
}

export const javaHttpClient = defineTarget({
  id: 'java-httpclient',
  label: 'Java (HttpClient)',
  language: 'java',
  extension: 'java',
  generate(request, options) {
    const { kind, format, errorFormat, fallbackFileName } = options.response;
    const entries = bodyEntries(request, options);
    const plan = batchPlan(request, entries, options);
    const multipart = request.bodyKind === 'multipart';
    const regex = errorFormat !== 'csv' || plan !== null || kind === 'file';
    const imports = [
      multipart && 'java.io.ByteArrayOutputStream',
      'java.net.URI',
      !multipart && 'java.net.URLEncoder',
      'java.net.http.HttpClient',
      'java.net.http.HttpRequest',
      'java.net.http.HttpResponse',
      'java.nio.charset.StandardCharsets',
      (multipart || kind === 'file') && 'java.nio.file.Files',
      (multipart || kind === 'file') && 'java.nio.file.Path',
      plan && 'java.util.ArrayList',
      'java.util.List',
      regex && 'java.util.regex.Matcher',
      regex && 'java.util.regex.Pattern',
    ].filter((i) => typeof i === 'string');

    const token = `The token is read from the environment: export ${TOKEN_ENV}=<your token>`;
    const lines = [
      ...introComments(options, { token }).map(comment),
      '// Java 17 or later runs this one file as it is: java RedcapApi.java',
      ...imports.map((i) => `import ${i};`),
      '',
      'class RedcapApi {',
      `    static final String URL = ${java(request.url)};`,
      '    static final HttpClient CLIENT =',
      '        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();',
      '',
      '    /** One pair of the request body; with a fileType, value is the path of a file to upload. */',
      '    record Pair(String name, String value, String fileType) {',
      '        Pair(String name, String value) {',
      '            this(name, value, null);',
      '        }',
      '    }',
      '',
      ...(errorFormat === 'json' || plan ? JSON_STRING : []),
      "    /** REDCap's message in an error answer. */",
      '    static String redcapError(String text) {',
      ...ERROR_BODY[errorFormat],
      '    }',
      '',
      "    /** Posts the pairs, in order; on an HTTP error, stops with REDCap's message. */",
      '    static HttpResponse<byte[]> post(List<Pair> pairs) throws Exception {',
      ...(multipart ? POST_MULTIPART : POST_FORM),
      '        HttpResponse<byte[]> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());',
      '        if (response.statusCode() >= 400) {',
      `            String text = new String(response.body(), ${UTF8});`,
      '            System.err.println("HTTP " + response.statusCode() + ": " + redcapError(text));',
      '            System.exit(1);',
      '        }',
      '        return response;',
      '    }',
      '',
      '    public static void main(String[] args) throws Exception {',
    ];
    if (entries.some((e) => e.kind === 'token')) {
      lines.push(
        `        String token = System.getenv(${java(TOKEN_ENV)});`,
        '        if (token == null || token.isEmpty()) {',
        `            System.err.println(${java(MISSING_TOKEN)});`,
        '            System.exit(1);',
        '        }',
      );
    }

    if (plan) {
      const idRegex = java(jsonValueRegex(plan.idField));
      lines.push(
        '        // The record ids first, then the records in batches of ids.',
        ...pairs('idPairs', plan.ids),
        ...pairs('batchPairs', plan.batch),
        `        String idList = new String(post(idPairs).body(), ${UTF8});`,
        `        Matcher idMatch = Pattern.compile(${idRegex}).matcher(idList);`,
        '        List<String> ids = new ArrayList<>();',
        '        while (idMatch.find()) {',
        '            String id = jsonString(idMatch.group(1));',
        '            if (!ids.contains(id)) ids.add(id);',
        '        }',
        plan.format === 'json'
          ? '        StringBuilder records = new StringBuilder("[");'
          : '        StringBuilder csv = new StringBuilder();',
        `        for (int start = 0; start < ids.size(); start += ${plan.size}) {`,
        '            List<Pair> batch = new ArrayList<>(batchPairs);',
        `            List<String> batchIds = ids.subList(start, Math.min(start + ${plan.size}, ids.size()));`,
        '            for (int i = 0; i < batchIds.size(); i++) {',
        '                batch.add(new Pair("records[" + i + "]", batchIds.get(i)));',
        '            }',
        `            String text = new String(post(batch).body(), ${UTF8});`,
      );
      if (plan.format === 'json') {
        lines.push(
          '            // Joins the arrays as text: the rows between the brackets, comma-separated.',
          '            String rows = text.strip();',
          '            rows = rows.substring(1, rows.length() - 1).strip();',
          '            if (rows.isEmpty()) continue;',
          "            if (records.length() > 1) records.append(',');",
          '            records.append(rows);',
          '        }',
          "        records.append(']');",
          `        System.out.write(records.toString().getBytes(${UTF8}));`,
          '        System.out.println();',
        );
      } else {
        lines.push(
          "            if (csv.length() > 0) text = text.substring(text.indexOf('\\n') + 1); // one header",
          '            csv.append(text);',
          '        }',
          `        System.out.write(csv.toString().getBytes(${UTF8}));`,
          '        System.out.flush();',
        );
      }
      lines.push('    }', '}');
      return lines.join('\n') + '\n';
    }

    lines.push(...pairs('pairs', entries), '        HttpResponse<byte[]> response = post(pairs);');
    if (kind === 'file') {
      lines.push(
        `        ${comment(FILE_NAME_COMMENT)}`,
        '        String contentType = response.headers().firstValue("Content-Type").orElse("");',
        `        Matcher match = Pattern.compile(${java(FILE_NAME_PATTERN)}).matcher(contentType);`,
        `        String name = match.find() ? match.group(1) : ${java(fallbackFileName)};`,
        '        name = Path.of(name).getFileName().toString();',
        '        Files.write(Path.of(name), response.body());',
        '        System.out.println("Saved " + name);',
      );
    } else {
      if (kind === 'format' && format === 'json') {
        lines.push(
          '        // No JSON parser in the standard library: the JSON as it came (Jackson or Gson read it).',
        );
      }
      lines.push('        System.out.write(response.body());');
      lines.push(
        kind === 'format' && format === 'csv'
          ? '        System.out.flush();'
          : '        System.out.println();',
      );
    }
    lines.push('    }', '}');
    return lines.join('\n') + '\n';
  },
});

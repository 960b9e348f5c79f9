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
import { csharpString as cs } from '../quote.ts';
import { defineTarget, TOKEN_ENV, type BodyFormat } from '../types.ts';

/** A regular expression for the string value of a JSON key, its inside in group 1. */
function jsonValueRegex(key: string): string {
  const name = key.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
  return `"${name}"\\s*:\\s*"((?:[^"\\\\]|\\\\.)*)"`;
}

/** The body of RedcapError, per error shape (§1.8). Regex.Unescape reads JSON's escapes. */
const ERROR_BODY: Readonly<Record<BodyFormat, readonly string[]>> = {
  json: [
    `        var match = Regex.Match(text, ${cs(jsonValueRegex('error'))});`,
    '        return match.Success ? Regex.Unescape(match.Groups[1].Value) : text;',
  ],
  csv: ['        return Regex.Replace(text, "^ERROR: ", "");'],
  xml: [
    '        var match = Regex.Match(text, "<error>(.*)</error>", RegexOptions.Singleline);',
    '        return match.Success ? match.Groups[1].Value : text;',
  ],
};

const POST_FORM = [
  '        var form = string.Join("&", pairs.Select(p =>',
  '            WebUtility.UrlEncode(p.Name) + "=" + WebUtility.UrlEncode(p.Value)));',
  '        var content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");',
];

const POST_MULTIPART = [
  '        var content = new MultipartFormDataContent();',
  '        foreach (var p in pairs)',
  '        {',
  '            // Names in quotes, as browsers send them (Mono leaves names bare, quotes file names).',
  '            if (p.FileType == null)',
  '            {',
  '                content.Add(new StringContent(p.Value), "\\"" + p.Name + "\\"");',
  '                continue;',
  '            }',
  '            var file = new ByteArrayContent(File.ReadAllBytes(p.Value));',
  '            file.Headers.ContentType = MediaTypeHeaderValue.Parse(p.FileType);',
  '            content.Add(file, "\\"" + p.Name + "\\"", p.Value);',
  '        }',
];

function pair(e: BodyEntry): string {
  if (e.kind === 'token') return `new Pair(${cs(e.name)}, token)`;
  if (e.kind === 'text') return `new Pair(${cs(e.name)}, ${cs(e.value)})`;
  return `new Pair(${cs(e.name)}, ${cs(e.fileName)}, ${cs(e.type)})`;
}

function pairs(name: string, entries: readonly BodyEntry[]): string[] {
  const lines = [`        var ${name} = new List<Pair>`, '        {'];
  for (const e of entries) {
    if (e.kind === 'file') lines.push(`            // ${fileUploadComment(e.fileName)}`);
    lines.push(`            ${pair(e)},`);
  }
  return [...lines, '        };'];
}

const WRITE_STDOUT = '        using (var stdout = Console.OpenStandardOutput())';

export const csharpHttpClient = defineTarget({
  id: 'csharp-httpclient',
  label: 'C# (HttpClient)',
  language: 'csharp',
  extension: 'cs',
  generate(request, options) {
    const { kind, format, errorFormat, fallbackFileName } = options.response;
    const entries = bodyEntries(request, options);
    const plan = batchPlan(request, entries, options);
    const multipart = request.bodyKind === 'multipart';
    const usings = [
      'System',
      'System.Collections.Generic',
      (multipart || kind === 'file') && 'System.IO',
      'System.Linq',
      !multipart && 'System.Net',
      'System.Net.Http',
      multipart && 'System.Net.Http.Headers',
      'System.Text',
      'System.Text.RegularExpressions',
      'System.Threading.Tasks',
    ].filter((u) => typeof u === 'string');

    const token = `The token is read from the environment: export ${TOKEN_ENV}=<your token>`;
    const lines = [
      ...introComments(options, { token }).map((l) => `// ${l}`),
      '// Mono: mcs -r:System.Net.Http RedcapApi.cs && mono RedcapApi.exe (or a .NET console project)',
      ...usings.map((u) => `using ${u};`),
      '',
      '// One pair of the request body; with a FileType, Value is the path of a file to upload.',
      'class Pair',
      '{',
      '    public readonly string Name, Value, FileType;',
      '',
      '    public Pair(string name, string value, string fileType = null)',
      '    {',
      '        Name = name;',
      '        Value = value;',
      '        FileType = fileType;',
      '    }',
      '}',
      '',
      'static class RedcapApi',
      '{',
      `    const string Url = ${cs(request.url)};`,
      '    static readonly HttpClient Client = new HttpClient();',
      '',
      "    // REDCap's message in an error answer.",
      '    static string RedcapError(string text)',
      '    {',
      ...ERROR_BODY[errorFormat],
      '    }',
      '',
      "    // Posts the pairs, in order; on an HTTP error, stops with REDCap's message.",
      '    static async Task<HttpResponseMessage> Post(List<Pair> pairs)',
      '    {',
      ...(multipart ? POST_MULTIPART : POST_FORM),
      '        var response = await Client.PostAsync(Url, content);',
      '        if ((int)response.StatusCode >= 400)',
      '        {',
      '            var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());',
      '            Console.Error.WriteLine("HTTP " + (int)response.StatusCode + ": " + RedcapError(text));',
      '            Environment.Exit(1);',
      '        }',
      '        return response;',
      '    }',
      '',
      "    // Mono's compiler has no async Main: Main waits for Run.",
      '    static void Main()',
      '    {',
      '        Run().GetAwaiter().GetResult();',
      '        Client.Dispose(); // closes the kept-alive connection: Mono then exits at once',
      '    }',
      '',
      '    static async Task Run()',
      '    {',
    ];
    if (entries.some((e) => e.kind === 'token')) {
      lines.push(
        `        var token = Environment.GetEnvironmentVariable(${cs(TOKEN_ENV)});`,
        '        if (string.IsNullOrEmpty(token))',
        '        {',
        `            Console.Error.WriteLine(${cs(MISSING_TOKEN)});`,
        '            Environment.Exit(1);',
        '        }',
      );
    }

    if (plan) {
      lines.push(
        '        // The record ids first, then the records in batches of ids.',
        ...pairs('idPairs', plan.ids),
        ...pairs('batchPairs', plan.batch),
        '        var idList = await (await Post(idPairs)).Content.ReadAsByteArrayAsync();',
        `        var ids = Regex.Matches(Encoding.UTF8.GetString(idList), ${cs(jsonValueRegex(plan.idField))})`,
        '            .Cast<Match>().Select(m => Regex.Unescape(m.Groups[1].Value)).Distinct().ToList();',
        plan.format === 'json'
          ? '        var records = new List<string>();'
          : '        var csv = new StringBuilder();',
        `        for (var start = 0; start < ids.Count; start += ${plan.size})`,
        '        {',
        '            var batch = new List<Pair>(batchPairs);',
        `            var batchIds = ids.Skip(start).Take(${plan.size}).ToList();`,
        '            for (var i = 0; i < batchIds.Count; i++) batch.Add(new Pair("records[" + i + "]", batchIds[i]));',
        '            var bytes = await (await Post(batch)).Content.ReadAsByteArrayAsync();',
        '            var text = Encoding.UTF8.GetString(bytes);',
      );
      if (plan.format === 'json') {
        lines.push(
          '            // Joins the arrays as text: the rows between the brackets, comma-separated.',
          '            var rows = text.Trim();',
          '            rows = rows.Substring(1, rows.Length - 2).Trim();',
          '            if (rows.Length > 0) records.Add(rows);',
          '        }',
          '        var joined = Encoding.UTF8.GetBytes("[" + string.Join(",", records) + "]\\n");',
        );
      } else {
        lines.push(
          "            if (csv.Length > 0) text = text.Substring(text.IndexOf('\\n') + 1); // one header",
          '            csv.Append(text);',
          '        }',
          '        var joined = Encoding.UTF8.GetBytes(csv.ToString());',
        );
      }
      lines.push(WRITE_STDOUT, '            stdout.Write(joined, 0, joined.Length);', '    }', '}');
      return lines.join('\n') + '\n';
    }

    lines.push(
      ...pairs('pairs', entries),
      '        var response = await Post(pairs);',
      '        var body = await response.Content.ReadAsByteArrayAsync();',
    );
    if (kind === 'file') {
      lines.push(
        `        // ${FILE_NAME_COMMENT}`,
        '        IEnumerable<string> values; // the header as sent: Mono parses away its name',
        '        var contentType = response.Content.Headers.TryGetValues("Content-Type", out values)',
        '            ? string.Join(" ", values) : "";',
        `        var match = Regex.Match(contentType, ${cs(FILE_NAME_PATTERN)});`,
        `        var name = Path.GetFileName(match.Success ? match.Groups[1].Value : ${cs(fallbackFileName)});`,
        '        File.WriteAllBytes(name, body);',
        '        Console.WriteLine("Saved " + name);',
      );
    } else {
      if (kind === 'format' && format === 'json') {
        lines.push(
          '        // The JSON as it came (System.Text.Json reads it on .NET; Mono has none built in).',
        );
      }
      lines.push(WRITE_STDOUT, '        {', '            stdout.Write(body, 0, body.Length);');
      if (!(kind === 'format' && format === 'csv'))
        lines.push("            stdout.WriteByte((byte)'\\n');");
      lines.push('        }');
    }
    lines.push('    }', '}');
    return lines.join('\n') + '\n';
  },
});

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
import { goString as go } from '../quote.ts';
import { defineTarget, TOKEN_ENV, type BodyFormat } from '../types.ts';

/** The body of redcapError, per error shape (§1.8). */
const ERROR_BODY: Readonly<Record<BodyFormat, readonly string[]>> = {
  json: [
    '\tvar answer struct {',
    '\t\tError *string `json:"error"`',
    '\t}',
    '\tif json.Unmarshal(body, &answer) == nil && answer.Error != nil {',
    '\t\treturn *answer.Error',
    '\t}',
    '\treturn string(body)',
  ],
  csv: ['\treturn strings.TrimPrefix(string(body), "ERROR: ")'],
  xml: [
    '\tif match := regexp.MustCompile(`(?s)<error>(.*)</error>`).FindSubmatch(body); match != nil {',
    '\t\treturn string(match[1])',
    '\t}',
    '\treturn string(body)',
  ],
};

function pair(e: BodyEntry): string {
  if (e.kind === 'token') return `{${go(e.name)}, token, ""},`;
  if (e.kind === 'text') return `{${go(e.name)}, ${go(e.value)}, ""},`;
  return `{${go(e.name)}, ${go(e.fileName)}, ${go(e.type)}},`;
}

function pairs(name: string, entries: readonly BodyEntry[]): string[] {
  const lines = [`\t${name} := []pair{`];
  for (const e of entries) {
    if (e.kind === 'file') lines.push(`\t\t// ${fileUploadComment(e.fileName)}`);
    lines.push(`\t\t${pair(e)}`);
  }
  return [...lines, '\t}'];
}

const POST_FORM = [
  '\tform := make([]string, len(pairs))',
  '\tfor i, p := range pairs {',
  '\t\tform[i] = url.QueryEscape(p.name) + "=" + url.QueryEscape(p.value)',
  '\t}',
  '\tcontentType := "application/x-www-form-urlencoded"',
  '\tresponse, err := http.Post(apiURL, contentType, strings.NewReader(strings.Join(form, "&")))',
];

const POST_MULTIPART = [
  '\tvar buffer bytes.Buffer',
  '\twriter := multipart.NewWriter(&buffer)',
  '\tfor _, p := range pairs {',
  '\t\tif p.fileType == "" {',
  '\t\t\tcheck(writer.WriteField(p.name, p.value))',
  '\t\t\tcontinue',
  '\t\t}',
  '\t\theader := textproto.MIMEHeader{}',
  '\t\theader.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"; filename="%s"`, p.name, p.value))',
  '\t\theader.Set("Content-Type", p.fileType)',
  '\t\tpart, err := writer.CreatePart(header)',
  '\t\tcheck(err)',
  '\t\tfile, err := os.Open(p.value)',
  '\t\tcheck(err)',
  '\t\t_, err = io.Copy(part, file)',
  '\t\tcheck(err)',
  '\t\tfile.Close()',
  '\t}',
  '\tcheck(writer.Close())',
  '\tresponse, err := http.Post(apiURL, writer.FormDataContentType(), &buffer)',
];

export const goNetHttp = defineTarget({
  id: 'go-net-http',
  label: 'Go (net/http)',
  language: 'go',
  extension: 'go',
  generate(request, options) {
    const { kind, format, errorFormat, fallbackFileName } = options.response;
    const entries = bodyEntries(request, options);
    const plan = batchPlan(request, entries, options);
    const multipart = request.bodyKind === 'multipart';
    const fromEnv = entries.some((e) => e.kind === 'token');
    const file = !plan && kind === 'file';
    const json = !plan && kind === 'format' && format === 'json';
    const csv = !plan && kind === 'format' && format === 'csv';

    const imports = new Set(['fmt', 'io', 'net/http', 'os']);
    const add = (...names: string[]) => names.forEach((n) => imports.add(n));
    if (multipart) add('bytes', 'mime/multipart', 'net/textproto');
    else add('net/url', 'strings');
    if (errorFormat === 'json') add('encoding/json');
    if (errorFormat === 'csv') add('strings');
    if (errorFormat === 'xml') add('regexp');
    if (file) add('path/filepath', 'regexp');
    if (json) add('bytes', 'encoding/json');
    if (plan) add('encoding/json');
    if (plan?.format === 'csv') add('bytes');

    const token = `The token is read from the environment: export ${TOKEN_ENV}=<your token>`;
    const lines = [
      ...introComments(options, { token }).map((l) => `// ${l}`),
      '// Run with: go run <this file>.go',
      'package main',
      '',
      'import (',
      ...[...imports].sort().map((i) => `\t"${i}"`),
      ')',
      '',
      `const apiURL = ${go(request.url)}`,
      '',
      '// One pair of the request body, kept in order (url.Values would sort them).',
      '// With a fileType, value is the path of a file to upload.',
      'type pair struct{ name, value, fileType string }',
      '',
      'func check(err error) {',
      '\tif err != nil {',
      '\t\tfmt.Fprintln(os.Stderr, err)',
      '\t\tos.Exit(1)',
      '\t}',
      '}',
      '',
      "// redcapError is REDCap's message in an error answer.",
      'func redcapError(body []byte) string {',
      ...ERROR_BODY[errorFormat],
      '}',
      '',
      "// post sends the pairs; on an HTTP error, it stops with REDCap's message.",
      'func post(pairs []pair) (*http.Response, []byte) {',
      ...(multipart ? POST_MULTIPART : POST_FORM),
      '\tcheck(err)',
      '\tdefer response.Body.Close()',
      '\tbody, err := io.ReadAll(response.Body)',
      '\tcheck(err)',
      '\tif response.StatusCode >= 400 {',
      '\t\tfmt.Fprintf(os.Stderr, "HTTP %d: %s\\n", response.StatusCode, redcapError(body))',
      '\t\tos.Exit(1)',
      '\t}',
      '\treturn response, body',
      '}',
      '',
      'func main() {',
    ];
    if (fromEnv) {
      lines.push(
        `\ttoken := os.Getenv(${go(TOKEN_ENV)})`,
        '\tif token == "" {',
        `\t\tcheck(fmt.Errorf(${go(MISSING_TOKEN)}))`,
        '\t}',
      );
    }

    if (plan) {
      lines.push(
        '\t// The record ids first, then the records in batches of ids.',
        ...pairs('idPairs', plan.ids),
        ...pairs('batchPairs', plan.batch),
        '\t_, body := post(idPairs)',
        '\tvar rows []map[string]any',
        '\tcheck(json.Unmarshal(body, &rows))',
        '\tvar ids []string',
        '\tseen := map[string]bool{}',
        '\tfor _, row := range rows {',
        `\t\tid := fmt.Sprint(row[${go(plan.idField)}])`,
        '\t\tif !seen[id] {',
        '\t\t\tseen[id] = true',
        '\t\t\tids = append(ids, id)',
        '\t\t}',
        '\t}',
        plan.format === 'json' ? '\trecords := []json.RawMessage{}' : '\tvar csv []byte',
        `\tfor start := 0; start < len(ids); start += ${plan.size} {`,
        `\t\tend := start + ${plan.size}`,
        '\t\tif end > len(ids) {',
        '\t\t\tend = len(ids)',
        '\t\t}',
        '\t\tbatch := append([]pair{}, batchPairs...)',
        '\t\tfor i, id := range ids[start:end] {',
        '\t\t\tbatch = append(batch, pair{fmt.Sprintf("records[%d]", i), id, ""})',
        '\t\t}',
        '\t\t_, body := post(batch)',
      );
      if (plan.format === 'json') {
        lines.push(
          '\t\tvar answer []json.RawMessage',
          '\t\tcheck(json.Unmarshal(body, &answer))',
          '\t\trecords = append(records, answer...)',
          '\t}',
          '\tencoder := json.NewEncoder(os.Stdout)',
          '\tencoder.SetEscapeHTML(false)',
          '\tencoder.SetIndent("", "  ")',
          '\tcheck(encoder.Encode(records))',
          '}',
        );
      } else {
        lines.push(
          '\t\tif len(csv) > 0 { // one header',
          "\t\t\tbody = body[bytes.IndexByte(body, '\\n')+1:]",
          '\t\t}',
          '\t\tcsv = append(csv, body...)',
          '\t}',
          '\tos.Stdout.Write(csv)',
          '}',
        );
      }
      return lines.join('\n') + '\n';
    }

    lines.push(...pairs('pairs', entries), `\t${file ? 'response' : '_'}, body := post(pairs)`);
    if (file) {
      lines.push(
        `\t// ${FILE_NAME_COMMENT}`,
        `\tname := ${go(fallbackFileName)}`,
        `\tif match := regexp.MustCompile(\`${FILE_NAME_PATTERN}\`).FindStringSubmatch(response.Header.Get("Content-Type")); match != nil {`,
        '\t\tname = match[1]',
        '\t}',
        '\tname = filepath.Base(name)',
        '\tcheck(os.WriteFile(name, body, 0o644))',
        '\tfmt.Printf("Saved %s\\n", name)',
      );
    } else if (json) {
      lines.push(
        '\tvar pretty bytes.Buffer',
        '\tcheck(json.Indent(&pretty, body, "", "  "))',
        '\tfmt.Println(pretty.String())',
      );
    } else if (csv) {
      lines.push('\tos.Stdout.Write(body)');
    } else {
      lines.push('\tfmt.Println(string(body))');
    }
    lines.push('}');
    return lines.join('\n') + '\n';
  },
});

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
import { rubyString as rb } from '../quote.ts';
import { defineTarget, TOKEN_ENV, type BodyFormat } from '../types.ts';

/** Lines that set `error` to REDCap's message, per error shape (§1.8). */
const ERROR_LINE: Readonly<Record<BodyFormat, string>> = {
  json: "    error = (JSON.parse(body)['error'] rescue nil) || body",
  csv: "    error = body.sub(/\\AERROR: /, '')",
  xml: '    error = body[%r{<error>(.*)</error>}m, 1] || body',
};

function pair(e: BodyEntry): string {
  if (e.kind === 'token') return `[${rb(e.name)}, token],`;
  if (e.kind === 'text') return `[${rb(e.name)}, ${rb(e.value)}],`;
  const file = `File.open(${rb(e.fileName)}, 'rb')`;
  return `[${rb(e.name)}, ${file}, { filename: ${rb(e.fileName)}, content_type: ${rb(e.type)} }],`;
}

function pairs(name: string, entries: readonly BodyEntry[]): string[] {
  const lines = [`${name} = [`];
  for (const e of entries) {
    if (e.kind === 'file') lines.push(`  # ${fileUploadComment(e.fileName)}`);
    lines.push(`  ${pair(e)}`);
  }
  return [...lines, '].freeze'];
}

export const rubyNetHttp = defineTarget({
  id: 'ruby-net-http',
  label: 'Ruby (Net::HTTP)',
  language: 'ruby',
  extension: 'rb',
  generate(request, options) {
    const { kind, format, errorFormat, fallbackFileName } = options.response;
    const entries = bodyEntries(request, options);
    const plan = batchPlan(request, entries, options);
    const multipart = request.bodyKind === 'multipart';
    const token = `The token is read from the environment: export ${TOKEN_ENV}=<your token>`;
    const lines = [
      '#!/usr/bin/env ruby',
      ...introComments(options, { token }).map((l) => `# ${l}`),
      "require 'json'",
      "require 'net/http'",
      "require 'uri'",
      '',
    ];
    if (entries.some((e) => e.kind === 'token')) {
      lines.push(
        `token = ENV.fetch(${rb(TOKEN_ENV)}, '')`,
        `abort ${rb(MISSING_TOKEN)} if token.empty?`,
        '',
      );
    }
    lines.push(
      `URL = URI(${rb(request.url)})`,
      '',
      "# Posts the pairs; on an HTTP error, stops with REDCap's message.",
      'def post(pairs)',
      '  request = Net::HTTP::Post.new(URL)',
      multipart
        ? "  request.set_form(pairs, 'multipart/form-data')"
        : '  request.set_form(pairs) # application/x-www-form-urlencoded, pairs in order',
      "  response = Net::HTTP.start(URL.host, URL.port, use_ssl: URL.scheme == 'https') do |http|",
      '    http.request(request)',
      '  end',
      '  if response.code.to_i >= 400',
      "    body = response.body.to_s.force_encoding('UTF-8')",
      ERROR_LINE[errorFormat],
      '    abort "HTTP #{response.code}: #{error}"',
      '  end',
      '  response',
      'end',
      '',
    );

    if (plan) {
      lines.push(
        '# The record ids first, then the records in batches of ids.',
        ...pairs('ID_PAIRS', plan.ids),
        ...pairs('BATCH_PAIRS', plan.batch),
        `ids = JSON.parse(post(ID_PAIRS).body).map { |row| row[${rb(plan.idField)}] }.uniq`,
        plan.format === 'json' ? 'records = []' : "csv = +''",
        `ids.each_slice(${plan.size}) do |batch|`,
        '  records_pairs = batch.each_with_index.map { |id, i| ["records[#{i}]", id] }',
        "  body = post(BATCH_PAIRS + records_pairs).body.force_encoding('UTF-8')",
        plan.format === 'json'
          ? '  records.concat(JSON.parse(body))'
          : "  csv << (csv.empty? ? body : body.sub(/\\A[^\\n]*\\n/, '')) # one header",
        'end',
        plan.format === 'json' ? 'puts JSON.pretty_generate(records)' : 'print csv',
      );
      return lines.join('\n') + '\n';
    }

    lines.push(...pairs('PAIRS', entries), 'response = post(PAIRS)');
    if (kind === 'file') {
      lines.push(
        `# ${FILE_NAME_COMMENT}`,
        `name = response['Content-Type'].to_s[/${FILE_NAME_PATTERN}/, 1]`,
        `name = File.basename(name || ${rb(fallbackFileName)})`,
        'File.binwrite(name, response.body)',
        'puts "Saved #{name}"',
      );
    } else if (kind === 'format' && format === 'json') {
      lines.push("puts JSON.pretty_generate(JSON.parse(response.body.force_encoding('UTF-8')))");
    } else if (kind === 'format' && format === 'csv') {
      lines.push('print response.body');
    } else {
      lines.push('puts response.body');
    }
    return lines.join('\n') + '\n';
  },
});

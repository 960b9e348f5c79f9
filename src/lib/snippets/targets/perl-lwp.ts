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
import { perlString as pl } from '../quote.ts';
import { defineTarget, TOKEN_ENV, type BodyFormat } from '../types.ts';

/** Lines that set $error to REDCap's message, per error shape (§1.8). */
const ERROR_LINE: Readonly<Record<BodyFormat, string>> = {
  json: [
    '        my $error = eval { decode_json($body)->{error} };',
    '        if (defined $error) { utf8::encode($error) } else { $error = $body }',
  ].join('\n'),
  csv: '        (my $error = $body) =~ s/^ERROR: //;',
  xml: '        my $error = $body =~ m{<error>(.*)</error>}s ? $1 : $body;',
};

function pair(e: BodyEntry): string {
  if (e.kind === 'token') return `${pl(e.name)} => $token,`;
  if (e.kind === 'text') return `${pl(e.name)} => ${pl(e.value)},`;
  const file = `[${pl(e.fileName)}, ${pl(e.fileName)}, Content_Type => ${pl(e.type)}]`;
  return `${pl(e.name)} => ${file},`;
}

function pairs(name: string, entries: readonly BodyEntry[]): string[] {
  const lines = [`my @${name} = (`];
  for (const e of entries) {
    if (e.kind === 'file') lines.push(`    # ${fileUploadComment(e.fileName)}`);
    lines.push(`    ${pair(e)}`);
  }
  return [...lines, ');'];
}

export const perlLwp = defineTarget({
  id: 'perl-lwp',
  label: 'Perl (LWP)',
  language: 'perl',
  extension: 'pl',
  generate(request, options) {
    const { kind, format, errorFormat, fallbackFileName } = options.response;
    const entries = bodyEntries(request, options);
    const plan = batchPlan(request, entries, options);
    const multipart = request.bodyKind === 'multipart';
    const json = plan !== null || (kind === 'format' && format === 'json');
    const token = `The token is read from the environment: export ${TOKEN_ENV}=<your token>`;
    const lines = [
      '#!/usr/bin/env perl',
      ...introComments(options, { token }).map((l) => `# ${l}`),
      '# Strings are UTF-8 bytes, sent as they are (no `use utf8`).',
      'use strict;',
      'use warnings;',
      kind === 'file' && !plan ? 'use File::Basename qw(basename);' : null,
      'use JSON::PP qw(decode_json);',
      'use LWP::UserAgent;',
      multipart ? null : 'use URI;',
      '',
    ].filter((l) => l !== null);
    if (entries.some((e) => e.kind === 'token')) {
      lines.push(
        `my $token = $ENV{${TOKEN_ENV}} // '';`,
        `die ${pl(`${MISSING_TOKEN}\n`)} if $token eq '';`,
        '',
      );
    }
    lines.push(
      `my $url = ${pl(request.url)};`,
      'my $ua = LWP::UserAgent->new;',
      '',
      "# Posts the pairs; on an HTTP error, stops with REDCap's message.",
      'sub post {',
      '    my @pairs = @_;',
      multipart
        ? "    my $response = $ua->post($url, Content_Type => 'form-data', Content => \\@pairs);"
        : [
            // HTTP::Request::Common would turn every LF in the values into CR LF: encode here.
            '    my $form = URI->new;',
            '    $form->query_form(@pairs); # in order, UTF-8, as a browser encodes a form',
            '    my $response = $ua->post($url,',
            "        Content_Type => 'application/x-www-form-urlencoded',",
            '        Content => $form->query);',
          ].join('\n'),
      '    if ($response->code >= 400) {',
      '        my $body = $response->content;',
      ERROR_LINE[errorFormat],
      '        die sprintf("HTTP %d: %s\\n", $response->code, $error);',
      '    }',
      '    return $response;',
      '}',
      '',
    );
    if (!json && errorFormat !== 'json')
      lines.splice(lines.indexOf('use JSON::PP qw(decode_json);'), 1);
    const pretty = 'JSON::PP->new->utf8->pretty->canonical';

    if (plan) {
      lines.push(
        '# The record ids first, then the records in batches of ids.',
        ...pairs('id_pairs', plan.ids),
        ...pairs('batch_pairs', plan.batch),
        'my (@ids, %seen);',
        `for my $row (@{ decode_json(post(@id_pairs)->content) }) {`,
        `    my $id = $row->{${pl(plan.idField)}};`,
        '    push @ids, $id unless $seen{$id}++;',
        '}',
        plan.format === 'json' ? 'my @records;' : "my $csv = '';",
        `while (my @batch = splice(@ids, 0, ${plan.size})) {`,
        '    my @records_pairs = map { ("records[$_]" => $batch[$_]) } 0 .. $#batch;',
        '    my $body = post(@batch_pairs, @records_pairs)->content;',
        plan.format === 'json'
          ? '    push @records, @{ decode_json($body) };'
          : "    $body =~ s/\\A[^\\n]*\\n// if $csv ne ''; # one header\n    $csv .= $body;",
        '}',
        plan.format === 'json' ? `print ${pretty}->encode(\\@records);` : 'print $csv;',
      );
      return lines.join('\n') + '\n';
    }

    lines.push(...pairs('pairs', entries), 'my $response = post(@pairs);');
    if (kind === 'file') {
      lines.push(
        `# ${FILE_NAME_COMMENT}`,
        `my ($name) = ($response->header('Content-Type') // '') =~ /${FILE_NAME_PATTERN}/;`,
        `$name = basename($name // ${pl(fallbackFileName)});`,
        'open(my $file, \'>:raw\', $name) or die "$name: $!\\n";',
        'print $file $response->content;',
        'close($file);',
        'print "Saved $name\\n";',
      );
    } else if (json) {
      lines.push(`print ${pretty}->encode(decode_json($response->content));`);
    } else if (kind === 'format' && format === 'csv') {
      lines.push('print $response->content;');
    } else {
      lines.push('print $response->content, "\\n";');
    }
    return lines.join('\n') + '\n';
  },
});

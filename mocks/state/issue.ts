import type * as z from 'zod/mini';

/**
 * The first problem zod found, in words and with its place in the file
 * (`data.projects[0].records[2].slots[0].instance: expected an integer, got "1"`). zod/mini
 * carries no English messages of its own.
 */
export function describeIssue(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unknown problem';
  const place = issue.path.reduce<string>(
    (text, key) =>
      typeof key === 'number' ? `${text}[${key}]` : `${text}${text ? '.' : ''}${String(key)}`,
    '',
  );
  return `${place || 'the file'}: ${what(issue, error)}`;
}

function what(issue: z.core.$ZodIssue, error: z.core.$ZodError): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `“${k}”`).join(', ')}`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'invalid_format':
      return issue.message && issue.message !== 'Invalid input'
        ? issue.message
        : `not ${issue.format}`;
    default:
      return issue.message || `${issue.code} (${error.issues.length} problem(s))`;
  }
}

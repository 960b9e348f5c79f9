/**
 * A plain-words hint for the errors newcomers meet most (see shared/token-faq.md); the server's
 * own message is always shown as well.
 */
export function explainError(status: number, message: string): string | null {
  if (status === 403 && /permissions to use the API/i.test(message)) {
    return 'REDCap did not accept the token. Common reasons: a mistyped or regenerated token, a token from another project, a token request not yet approved, or missing API rights on this project.';
  }
  if (status === 403 && /privileges/i.test(message)) {
    return 'The token is valid, but its user lacks a right this method needs. Someone with User Rights access on the project can grant it.';
  }
  if (status === 400 && /"content" is not valid/.test(message)) {
    return 'REDCap did not recognise the content parameter for this method.';
  }
  return null;
}

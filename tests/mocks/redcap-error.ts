/** Shared by the fuzz tests: is an answer one of REDCap's error bodies? */

const XML_ERROR =
  /^<\?xml version="1\.0" encoding="UTF-8" \?>\n<hash><error>[^]*<\/error><\/hash>$/;

/** §1.8's three shapes, chosen by the Content-Type the answer announces. */
export function isRedcapError(contentType: string, body: string): boolean {
  if (contentType.startsWith('application/json')) {
    try {
      const parsed = JSON.parse(body) as unknown;
      return (
        typeof parsed === 'object' &&
        parsed !== null &&
        Object.keys(parsed).join() === 'error' &&
        typeof (parsed as { error: unknown }).error === 'string'
      );
    } catch {
      return false;
    }
  }
  if (contentType.startsWith('text/csv')) return body.startsWith('ERROR: ');
  if (contentType.startsWith('text/xml')) return XML_ERROR.test(body);
  return false;
}

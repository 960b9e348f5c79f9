import type { BodyPair, RedcapRequest } from './request.ts';

/** `application/x-www-form-urlencoded`, as PHP parses it into $_POST. */
export function toUrlEncoded(body: readonly BodyPair[]): string {
  const search = new URLSearchParams();
  for (const [name, value] of body) {
    search.append(name, typeof value === 'string' ? value : value.name);
  }
  return search.toString();
}

export function toFormData(body: readonly BodyPair[]): FormData {
  const form = new FormData();
  for (const [name, value] of body) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, new Blob([value.bytes as BlobPart], { type: value.type }), value.name);
  }
  return form;
}

/** The body to send; multipart bodies let fetch choose the boundary and Content-Type. */
export function encodeBody(request: RedcapRequest): {
  body: string | FormData;
  contentType: string | null;
} {
  return request.bodyKind === 'multipart'
    ? { body: toFormData(request.body), contentType: null }
    : { body: toUrlEncoded(request.body), contentType: 'application/x-www-form-urlencoded' };
}

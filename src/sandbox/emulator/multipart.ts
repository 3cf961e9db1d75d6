/** A file part of a multipart/form-data upload (discord.js's `files[n]`). */
export interface UploadedFile {
  /** The form field name, e.g. "files[0]". */
  field: string;
  filename: string;
  contentType?: string;
  data: Buffer;
}

export interface MultipartBody {
  /** The parsed `payload_json` part, if any. */
  payload?: unknown;
  /** Other text fields. */
  fields: Record<string, string>;
  files: UploadedFile[];
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

function boundaryOf(contentType: string): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2]?.trim();
}

function parseHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** Splits a multipart/form-data body (RFC 7578) into its JSON payload, text fields and files. */
export function parseMultipart(body: Buffer, contentType: string): MultipartBody {
  const boundary = boundaryOf(contentType);
  if (!boundary) throw new Error('multipart body without a boundary');
  const delimiter = Buffer.from(`--${boundary}`);
  const result: MultipartBody = { fields: {}, files: [] };

  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const partStart = start + delimiter.length;
    // "--" right after a delimiter ends the body.
    if (body.subarray(partStart, partStart + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, partStart);
    if (next === -1) break;
    // Each part sits between "\r\n" after the delimiter and "\r\n" before the next one.
    const part = body.subarray(partStart + CRLF.length, next - CRLF.length);
    const headerEnd = part.indexOf(HEADER_END);
    if (headerEnd !== -1) {
      const headers = parseHeaders(part.subarray(0, headerEnd).toString('utf8'));
      const data = part.subarray(headerEnd + HEADER_END.length);
      const disposition = headers.get('content-disposition') ?? '';
      const name = /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? '';
      const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
      if (filename !== undefined) {
        const type = headers.get('content-type');
        result.files.push({ field: name, filename, data: Buffer.from(data), ...(type ? { contentType: type } : {}) });
      } else if (name === 'payload_json') {
        result.payload = JSON.parse(data.toString('utf8'));
      } else {
        result.fields[name] = data.toString('utf8');
      }
    }
    start = next;
  }
  return result;
}

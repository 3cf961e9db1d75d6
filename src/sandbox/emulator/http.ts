import type { IncomingMessage, ServerResponse } from 'node:http';
import { httpErrors } from './errors.js';

/** A file part of a multipart/form-data upload (discord.js's `files[n]`). */
export interface UploadedFile {
  /** The form field name, e.g. "files[0]". */
  field: string;
  filename: string;
  contentType?: string;
  data: Buffer;
}

/** Discord takes up to 25 MiB of uploads per request (more with boosts). */
const MAX_BODY_BYTES = 26 * 1024 * 1024;

export interface RequestBody {
  json: unknown;
  files: UploadedFile[];
}

/** Reads a JSON body, or a multipart/form-data one (payload_json + files) as discord.js sends with attachments. */
/** Splits a multipart/form-data body into its payload_json and files, with the platform's form-data parser. */
async function parseMultipart(raw: Buffer, contentType: string): Promise<{ payload?: unknown; files: UploadedFile[] }> {
  const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
  const files: UploadedFile[] = [];
  let payload: unknown;
  for (const [field, value] of form) {
    if (typeof value === 'string') {
      if (field === 'payload_json') payload = JSON.parse(value);
      continue;
    }
    const data = Buffer.from(await value.arrayBuffer());
    files.push({ field, filename: value.name, data, ...(value.type ? { contentType: value.type } : {}) });
  }
  return { payload, files };
}

export async function readBody(request: IncomingMessage): Promise<RequestBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw httpErrors.tooLarge();
    chunks.push(chunk as Buffer);
  }
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return { json: undefined, files: [] };
  const type = request.headers['content-type'] ?? '';
  try {
    if (type.startsWith('multipart/form-data')) {
      const parts = await parseMultipart(raw, type);
      return { json: parts.payload ?? {}, files: parts.files };
    }
    return { json: JSON.parse(raw.toString('utf8')), files: [] };
  } catch {
    throw httpErrors.badJson();
  }
}

/**
 * Rate-limit headers that never throttle. The bucket differs per route, as Discord's do, so that
 * @discordjs/rest does not queue unrelated requests behind one another.
 */
function rateLimitHeaders(bucket: string): Record<string, string> {
  return {
    'x-ratelimit-limit': '10000',
    'x-ratelimit-remaining': '9999',
    'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 1),
    'x-ratelimit-reset-after': '1.000',
    'x-ratelimit-bucket': bucket,
  };
}

export function sendJson(response: ServerResponse, status: number, body: unknown, bucket = 'emulator'): void {
  // A 204 has no body, so it must not claim JSON: @discordjs/rest would try to parse it.
  const hasBody = body !== undefined && status !== 204;
  response.writeHead(status, {
    ...rateLimitHeaders(bucket),
    ...(hasBody ? { 'content-type': 'application/json' } : {}),
  });
  response.end(hasBody ? JSON.stringify(body) : undefined);
}

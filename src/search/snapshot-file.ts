import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listFiles } from '../corpus/load.js';
import type { CorpusProblem } from '../corpus/problems.js';
import { PROJECT_ROOT } from '../project-root.js';
import type { EngineOptions } from './options.js';
import { SNAPSHOT_FORMAT } from './snapshot.js';

/**
 * The built index cached in DATA_DIR, so that a start with unchanged corpus files loads it instead of
 * parsing and indexing again. It is never trusted blindly: its key is a hash of every corpus file, the
 * engine's options and the engine's code, and its body carries a SHA-256. A file that does not match,
 * or does not check, is rebuilt (and one that checks but will not restore, once: see load-engine.ts).
 * Layout: a magic line, a JSON header line, then the records (see encodeRecord) back to back.
 */
const ANY_FILE = /.*/;
const MAGIC = 'stackwise engine snapshot\n';
/**
 * The engine's code: a change to how entries are analysed or indexed makes older snapshots wrong. Run
 * from TypeScript, that is src/search and src/corpus; run built, the bundle's files (this one among them).
 */
const RUNNING_FILE = fileURLToPath(import.meta.url);
const ENGINE_CODE = RUNNING_FILE.endsWith('.ts')
  ? [path.join(PROJECT_ROOT, 'src/search'), path.join(PROJECT_ROOT, 'src/corpus')]
  : [path.dirname(RUNNING_FILE)];

/** What the load that built the snapshot reported, logged again when the snapshot is used. */
export interface SnapshotLoad {
  problems: CorpusProblem[];
  fellBack: string[];
}

interface Header {
  key: string;
  /** Byte length of each record, in order. */
  lengths: number[];
  sha256: string;
  load: SnapshotLoad;
}

export type SnapshotRead = { found: true; records: Uint8Array[]; load: SnapshotLoad } | { found: false; reason: string };

async function hashFiles(hash: ReturnType<typeof createHash>, dir: string, only?: RegExp): Promise<void> {
  const files = await listFiles(dir, only ?? ANY_FILE);
  // Read side by side (hundreds of small files), hashed in order.
  const texts = await Promise.all(files.map((file) => readFile(file)));
  files.forEach((file, index) => {
    hash.update(`${path.relative(dir, file)}\0`);
    hash.update(texts[index]!);
    hash.update('\0');
  });
}

/** Sets (the stop words) as sorted lists, so the same options always give the same text. */
export function optionsText(options: EngineOptions): string {
  return JSON.stringify(options, (_key, value: unknown) => (value instanceof Set ? [...value].sort() : value));
}

/** The key a snapshot of this corpus folder, built with these options, must carry. */
export async function snapshotKey(corpusDir: string, options: EngineOptions): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`${SNAPSHOT_FORMAT}\0${optionsText(options)}\0`);
  for (const dir of ENGINE_CODE) await hashFiles(hash, dir, /\.(ts|js)$/);
  hash.update('corpus\0');
  await hashFiles(hash, corpusDir);
  return hash.digest('hex');
}

/** The snapshot's records, when the file exists, carries `key` and its body checks. */
export async function readSnapshot(file: string, key: string): Promise<SnapshotRead> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { found: false, reason: 'no snapshot yet' };
    return { found: false, reason: `unreadable: ${(error as Error).message}` };
  }
  if (bytes.subarray(0, MAGIC.length).toString('utf8') !== MAGIC) return { found: false, reason: 'not a snapshot file' };
  const headerEnd = bytes.indexOf(10, MAGIC.length);
  if (headerEnd < 0) return { found: false, reason: 'truncated header' };
  let header: Header;
  try {
    header = JSON.parse(bytes.subarray(MAGIC.length, headerEnd).toString('utf8')) as Header;
  } catch {
    return { found: false, reason: 'damaged header' };
  }
  if (header.key !== key) return { found: false, reason: 'the corpus files, options or engine changed' };
  const body = bytes.subarray(headerEnd + 1);
  const expected = header.lengths.reduce((sum, length) => sum + length, 0);
  if (body.length !== expected) return { found: false, reason: `truncated: ${body.length} of ${expected} bytes` };
  if (createHash('sha256').update(body).digest('hex') !== header.sha256) return { found: false, reason: 'damaged: checksum mismatch' };
  const records: Uint8Array[] = [];
  let offset = 0;
  for (const length of header.lengths) {
    records.push(body.subarray(offset, offset + length));
    offset += length;
  }
  return { found: true, records, load: header.load };
}

/** Writes the snapshot atomically: to a temporary file, flushed to disk, then renamed over the old one. */
export async function writeSnapshot(file: string, key: string, records: readonly Uint8Array[], load: SnapshotLoad): Promise<void> {
  const hash = createHash('sha256');
  for (const record of records) hash.update(record);
  const header: Header = { key, lengths: records.map((record) => record.length), sha256: hash.digest('hex'), load };
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(`${MAGIC}${JSON.stringify(header)}\n`);
    for (const record of records) await handle.write(record);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temporary, file);
}

/**
 * The worker thread behind CorpusWorker: reads, parses and validates corpus files and import
 * bundles away from the event loop. Each request gets one reply, its large lists as JSON chunks (see EncodedLists).
 */
import { parentPort } from 'node:worker_threads';
import { AnswerEngine } from '../search/engine.js';
import { type EngineOptions, engineOptions } from '../search/options.js';
import { encodeRecord, toRecords } from '../search/snapshot.js';
import { optionsText, readSnapshot, type SnapshotRead, snapshotKey, writeSnapshot } from '../search/snapshot-file.js';
import { readBundle, writeBundle } from './bundle.js';
import { loadCorpus } from './load.js';
import { CHUNK_SIZES, type WorkerEngineLoad, type WorkerReply, type WorkerRequest } from './worker-protocol.js';

/** The last good texts of each corpus folder, mirrored from the main thread (see CorpusWorker). */
const lastGoodByKey = new Map<number, Map<string, string>>();

function encode(list: readonly unknown[], size: number): string[] {
  const chunks: string[] = [];
  for (let start = 0; start < list.length; start += size) chunks.push(JSON.stringify(list.slice(start, start + size)));
  return chunks;
}

async function handle(request: Exclude<WorkerRequest, { task: 'readSnapshotAhead' }>): Promise<Omit<WorkerReply, 'id'>> {
  if (request.task === 'writeBundle') return { result: { text: writeBundle(request.entries, request.heading) } };
  if (request.task === 'readBundle') {
    const { items, problems } = readBundle(request.file, request.text);
    return { result: { items: [], problems }, encoded: { items: encode(items, CHUNK_SIZES.items) } };
  }
  if (request.task === 'loadEngine') return { result: await loadEngine(request) };
  const { lastGood, lastGoodChanges } = mirroredLastGood(request);
  const { corpus, problems, fellBack } = await loadCorpus(request.dir, { lastGood });
  // The name lookups hold functions; the engine rebuilds them on the other side.
  const { names: _names, entries, ...plain } = corpus;
  return {
    result: { corpus: { ...plain, entries: [] }, problems, fellBack, ...lastGoodChanges() },
    encoded: { entries: encode(entries, CHUNK_SIZES.entries) },
  };
}

/** This request's last good texts, and a function that tells what loading changed in them. */
function mirroredLastGood(request: { lastGoodKey: number; lastGoodSeed?: [string, string][] }) {
  const lastGood = lastGoodByKey.get(request.lastGoodKey) ?? new Map(request.lastGoodSeed ?? []);
  lastGoodByKey.set(request.lastGoodKey, lastGood);
  const before = new Map(lastGood);
  const lastGoodChanges = () => ({
    lastGoodChanged: [...lastGood].filter(([file, text]) => before.get(file) !== text),
    lastGoodDropped: [...before.keys()].filter((file) => !lastGood.has(file)),
  });
  return { lastGood, lastGoodChanges };
}

/** A snapshot read started before its loadEngine came (see CorpusWorker.prewarm), with the default options. */
let readAhead: { dir: string; file: string; options: string; read: Promise<{ key: string; read: SnapshotRead }> } | undefined;

async function keyAndRead(dir: string, file: string, options: EngineOptions): Promise<{ key: string; read: SnapshotRead }> {
  const key = await snapshotKey(dir, options);
  return { key, read: await readSnapshot(file, key) };
}

function readSnapshotAhead(request: Extract<WorkerRequest, { task: 'readSnapshotAhead' }>): void {
  const options = engineOptions();
  const read = keyAndRead(request.dir, request.snapshotFile, options);
  // Unclaimed, a failure (an unreadable corpus folder) must not end the thread: the loadEngine that takes it reports it.
  read.catch(() => undefined);
  readAhead = { dir: request.dir, file: request.snapshotFile, options: optionsText(options), read };
}

/** The read started ahead for this folder, file and options, once; a later load reads the file again. */
function takeReadAhead(dir: string, file: string, options: EngineOptions) {
  const ahead = readAhead;
  readAhead = undefined;
  return ahead && ahead.dir === dir && ahead.file === file && ahead.options === optionsText(options) ? ahead.read : undefined;
}

/** The engine for a corpus folder as snapshot records: from the snapshot file when it matches, else built (and the file rewritten). */
async function loadEngine(request: Extract<WorkerRequest, { task: 'loadEngine' }>): Promise<WorkerEngineLoad> {
  const { lastGood, lastGoodChanges } = mirroredLastGood(request);
  const file = request.snapshotFile;
  const ahead = file && !request.rebuild ? takeReadAhead(request.dir, file, request.options) : undefined;
  const { key, read } =
    file && !request.rebuild
      ? await (ahead ?? keyAndRead(request.dir, file, request.options))
      : {
          key: await snapshotKey(request.dir, request.options),
          read: { found: false, reason: file ? 'its contents would not restore' : 'no snapshot file' } satisfies SnapshotRead,
        };
  if (read.found) {
    return { ...read.load, ...lastGoodChanges(), snapshot: { used: true, readAhead: ahead !== undefined }, records: read.records };
  }
  if (request.snapshotOnly)
    return { problems: [], fellBack: [], ...lastGoodChanges(), snapshot: { used: false, reason: read.reason }, records: [] };
  const { corpus, problems, fellBack } = await loadCorpus(request.dir, { lastGood });
  const records = [...toRecords(AnswerEngine.create(corpus, request.options).snapshot())].map(encodeRecord);
  let writeError: string | undefined;
  if (file) {
    await writeSnapshot(file, key, records, { problems, fellBack }).catch((error: unknown) => {
      writeError = (error as Error).message;
    });
  }
  return {
    problems,
    fellBack,
    ...lastGoodChanges(),
    snapshot: { used: false, reason: read.reason, ...(writeError ? { writeError } : {}) },
    records,
  };
}

parentPort?.on('message', (request: WorkerRequest) => {
  if (request.task === 'readSnapshotAhead') {
    readSnapshotAhead(request);
    return;
  }
  handle(request).then(
    (reply) => parentPort?.postMessage({ id: request.id, ...reply } satisfies WorkerReply),
    (error: unknown) =>
      parentPort?.postMessage({
        id: request.id,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies WorkerReply),
  );
});

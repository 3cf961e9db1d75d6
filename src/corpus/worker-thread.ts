/**
 * The worker thread behind CorpusWorker: reads, parses and validates corpus files and import
 * bundles away from the event loop. Each request gets one reply, its large lists as JSON chunks (see EncodedLists).
 */
import { parentPort } from 'node:worker_threads';
import { readBundle, writeBundle } from './bundle.js';
import { loadCorpus } from './load.js';
import { CHUNK_SIZES, type WorkerReply, type WorkerRequest } from './worker-protocol.js';

/** The last good texts of each corpus folder, mirrored from the main thread (see CorpusWorker). */
const lastGoodByKey = new Map<number, Map<string, string>>();

function encode(list: readonly unknown[], size: number): string[] {
  const chunks: string[] = [];
  for (let start = 0; start < list.length; start += size) chunks.push(JSON.stringify(list.slice(start, start + size)));
  return chunks;
}

async function handle(request: WorkerRequest): Promise<Omit<WorkerReply, 'id'>> {
  if (request.task === 'writeBundle') return { result: { text: writeBundle(request.entries, request.heading) } };
  if (request.task === 'readBundle') {
    const { items, problems } = readBundle(request.file, request.text);
    return { result: { items: [], problems }, encoded: { items: encode(items, CHUNK_SIZES.items) } };
  }
  const lastGood = lastGoodByKey.get(request.lastGoodKey) ?? new Map(request.lastGoodSeed ?? []);
  lastGoodByKey.set(request.lastGoodKey, lastGood);
  const before = new Map(lastGood);
  const { corpus, problems, fellBack } = await loadCorpus(request.dir, { lastGood });
  const changed = [...lastGood].filter(([file, text]) => before.get(file) !== text);
  const dropped = [...before.keys()].filter((file) => !lastGood.has(file));
  // The name lookups hold functions; the engine rebuilds them on the other side.
  const { names: _names, entries, ...plain } = corpus;
  return {
    result: { corpus: { ...plain, entries: [] }, problems, fellBack, lastGoodChanged: changed, lastGoodDropped: dropped },
    encoded: { entries: encode(entries, CHUNK_SIZES.entries) },
  };
}

parentPort?.on('message', (request: WorkerRequest) => {
  handle(request).then(
    (reply) => parentPort?.postMessage({ id: request.id, ...reply } satisfies WorkerReply),
    (error: unknown) =>
      parentPort?.postMessage({
        id: request.id,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies WorkerReply),
  );
});

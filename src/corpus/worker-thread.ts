/**
 * The worker thread behind CorpusWorker: reads, parses and validates corpus files and import
 * bundles away from the event loop. Each request gets exactly one reply with its id.
 */
import { parentPort } from 'node:worker_threads';
import { readBundle } from './bundle.js';
import { loadCorpus } from './load.js';
import type { WorkerReply, WorkerRequest } from './worker-protocol.js';

/** The last good texts of each corpus folder, mirrored from the main thread (see CorpusWorker). */
const lastGoodByKey = new Map<number, Map<string, string>>();

async function handle(request: WorkerRequest): Promise<WorkerReply['result']> {
  if (request.task === 'readBundle') return readBundle(request.file, request.text);
  const lastGood = lastGoodByKey.get(request.lastGoodKey) ?? new Map(request.lastGoodSeed ?? []);
  lastGoodByKey.set(request.lastGoodKey, lastGood);
  const before = new Map(lastGood);
  const { corpus, problems, fellBack } = await loadCorpus(request.dir, { lastGood });
  const changed = [...lastGood].filter(([file, text]) => before.get(file) !== text);
  const dropped = [...before.keys()].filter((file) => !lastGood.has(file));
  // The name lookups hold functions; the engine rebuilds them on the other side.
  const { names: _names, ...plain } = corpus;
  return { corpus: plain, problems, fellBack, lastGoodChanged: changed, lastGoodDropped: dropped };
}

parentPort?.on('message', (request: WorkerRequest) => {
  handle(request).then(
    (result) => parentPort?.postMessage({ id: request.id, result } satisfies WorkerReply),
    (error: unknown) =>
      parentPort?.postMessage({
        id: request.id,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies WorkerReply),
  );
});

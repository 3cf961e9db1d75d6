import type { Worker } from 'node:worker_threads';
import type { EngineOptions } from '../search/options.js';
import { snapshotFileIn } from '../search/snapshot-path.js';
import { runInSlices } from '../slices.js';
import { spawnWorker, workerUrl } from '../worker-spawn.js';
import type { BundleItem, ExportedEntry, ParsedBundle } from './bundle.js';
import type { Entry } from './types.js';
import type { WorkerEngineLoad, WorkerLoad, WorkerReply, WorkerRequest } from './worker-protocol.js';

/** The id of a request that gets no reply. */
const NO_REPLY = -1;

const WORKER_URL = workerUrl('worker-thread', import.meta.url);

const spawn = () => spawnWorker(WORKER_URL);

/** A thread started ahead of need (see CorpusWorker.prewarm), taken by the first CorpusWorker that needs one. */
let prewarmed: Worker | undefined;

type Pending = { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void };

/** Parses the lists that crossed as JSON chunks, a chunk per slice. */
async function decode<T>(chunks: readonly string[] | undefined): Promise<T[]> {
  return runInSlices(
    (function* () {
      const list: T[] = [];
      for (const chunk of chunks ?? []) {
        list.push(...(JSON.parse(chunk) as T[]));
        yield;
      }
      return list;
    })(),
  );
}

/**
 * Reading, parsing and validating corpus files and import bundles, in a worker thread: a 50,000-entry
 * corpus or a 10,000-entry import takes seconds of YAML parsing that would otherwise hold the event loop.
 * One worker, started on first use; if it dies, the requests in flight fail and the next one starts another.
 */
export class CorpusWorker {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly lastGoodKeys = new WeakMap<Map<string, string>, number>();

  /**
   * Loads a corpus folder as `loadCorpus` does, updating `lastGood` in place. The worker keeps its
   * own copy of `lastGood`, so its texts cross threads once, not at every reload.
   */
  async loadCorpus(
    dir: string,
    options: { lastGood?: Map<string, string> } = {},
  ): Promise<Omit<WorkerLoad, 'lastGoodChanged' | 'lastGoodDropped'>> {
    const lastGood = options.lastGood ?? new Map<string, string>();
    const reply = await this.request({ task: 'loadCorpus', dir, ...this.lastGoodRequest(lastGood) });
    const loaded = reply.result as WorkerLoad;
    loaded.corpus.entries = await decode<Entry>(reply.encoded?.entries);
    applyLastGood(lastGood, loaded);
    return { corpus: loaded.corpus, problems: loaded.problems, fellBack: loaded.fellBack };
  }

  /**
   * Loads and indexes a corpus folder in the worker, as snapshot records for `AnswerEngine.restore`: read
   * from `snapshotFile` when it matches the folder and options, else built and written there.
   */
  async loadEngine(
    dir: string,
    options: {
      lastGood?: Map<string, string>;
      engineOptions: EngineOptions;
      snapshotFile?: string;
      rebuild?: boolean;
      snapshotOnly?: boolean;
    },
  ): Promise<WorkerEngineLoad> {
    const lastGood = options.lastGood ?? new Map<string, string>();
    const reply = await this.request({
      task: 'loadEngine',
      dir,
      ...this.lastGoodRequest(lastGood),
      options: options.engineOptions,
      ...(options.snapshotFile ? { snapshotFile: options.snapshotFile } : {}),
      ...(options.rebuild ? { rebuild: true } : {}),
      ...(options.snapshotOnly ? { snapshotOnly: true } : {}),
    });
    const loaded = reply.result as WorkerEngineLoad;
    applyLastGood(lastGood, loaded);
    return loaded;
  }

  /** Names the last-good map for the worker, sending its contents the first time only. */
  private lastGoodRequest(lastGood: Map<string, string>): { lastGoodKey: number; lastGoodSeed?: [string, string][] } {
    let lastGoodKey = this.lastGoodKeys.get(lastGood);
    const seed = lastGoodKey === undefined ? [...lastGood] : undefined;
    lastGoodKey ??= this.nextId++;
    this.lastGoodKeys.set(lastGood, lastGoodKey);
    return { lastGoodKey, ...(seed ? { lastGoodSeed: seed } : {}) };
  }

  /** Parses an import file as `readBundle` does. */
  async readBundle(file: string, text: string): Promise<ParsedBundle> {
    const reply = await this.request({ task: 'readBundle', file, text });
    return { ...(reply.result as ParsedBundle), items: await decode<BundleItem>(reply.encoded?.items) };
  }

  /** Writes a bundle file's text as `writeBundle` does. */
  async writeBundle(entries: readonly ExportedEntry[], heading: string): Promise<string> {
    const reply = await this.request({ task: 'writeBundle', entries: [...entries], heading });
    return (reply.result as { text: string }).text;
  }

  /**
   * Starts a worker thread now, for the first CorpusWorker to take: the thread loads its code on the
   * other core while the main thread is still loading discord.js, which makes the bot ready sooner.
   * Given the bot's folders, it also reads and checks the index snapshot that loadEngine will ask for.
   */
  static prewarm(readAhead?: { corpusDir: string; dataDir: string }): void {
    prewarmed ??= spawn();
    prewarmed.unref();
    if (readAhead) {
      const request: WorkerRequest = {
        id: NO_REPLY,
        task: 'readSnapshotAhead',
        dir: readAhead.corpusDir,
        snapshotFile: snapshotFileIn(readAhead.dataDir),
      };
      prewarmed.postMessage(request);
    }
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private request(request: DistributiveOmit<WorkerRequest, 'id'>): Promise<WorkerReply> {
    const id = this.nextId++;
    const worker = this.started();
    // Kept alive only while a request waits: an idle worker never holds the process open.
    if (this.pending.size === 0) worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id });
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = prewarmed ?? spawn();
    prewarmed = undefined;
    worker.on('message', (reply: WorkerReply) => {
      const pending = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (reply.error !== undefined) pending?.reject(new Error(`corpus worker: ${reply.error}`));
      else pending?.resolve(reply);
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const pending of this.pending.values()) pending.reject(error);
      this.pending.clear();
    };
    worker.on('error', (error) => fail(new Error(`corpus worker failed: ${error.message}`)));
    worker.on('exit', (code) => fail(new Error(`corpus worker exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }
}

/** What a load changed in the worker's copy of the last good texts, applied to the main thread's. */
function applyLastGood(lastGood: Map<string, string>, loaded: Pick<WorkerLoad, 'lastGoodChanged' | 'lastGoodDropped'>): void {
  for (const [file, text] of loaded.lastGoodChanged) lastGood.set(file, text);
  for (const file of loaded.lastGoodDropped) lastGood.delete(file);
}

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

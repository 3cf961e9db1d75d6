import type { CurationLimits } from '../config.js';
import type { BundleFiles } from '../corpus/bundle.js';
import { CorpusWorker } from '../corpus/corpus-worker.js';
import type { LastGoodFiles } from '../corpus/last-good.js';
import { type CorpusWatch, watchCorpus } from '../corpus/watch.js';
import type { Logger } from '../logger.js';
import { AnswerEngine } from '../search/engine.js';
import { loadEngineInWorker } from '../search/load-engine.js';
import type { EngineOptions } from '../search/options.js';
import { runInSlices } from '../slices.js';
import type { Store } from '../store/index.js';
import { CurationService } from './service.js';

/**
 * The running corpus: the shipped files plus every server's entries from the store. Files are read
 * in a worker thread and engines are built in bounded slices; a fresh engine (after the corpus files
 * change) gets the server entries before it is swapped in, and interactions are answered from the
 * current one meanwhile.
 */
export class LiveEngine {
  readonly curation: CurationService;
  private engine: AnswerEngine;
  /** Entries changed while a fresh engine was being filled: put in again, as stored, just before the swap. */
  private changedDuringSwap: Set<string> | undefined;
  /** The last good corpus files, shared with the watch so reloads keep them current. */
  private lastGood: LastGoodFiles | undefined;

  private constructor(
    engine: AnswerEngine,
    store: Store,
    private readonly worker: CorpusWorker,
    private readonly options: Partial<EngineOptions>,
    limits?: CurationLimits,
    private readonly owns: (guildId: string) => boolean = () => true,
  ) {
    this.engine = engine;
    this.curation = new CurationService(store, () => this.engine, limits);
    this.curation.onApplied((record) => this.changedDuringSwap?.add(record.entryId));
  }

  static async load(
    corpusDir: string,
    store: Store,
    logger: Logger,
    options: {
      engine?: Partial<EngineOptions>;
      lastGood?: LastGoodFiles;
      limits?: CurationLimits;
      /** Where the built index is cached between starts (see src/search/snapshot-file.ts); none: built each time. */
      snapshotFile?: string;
      /** The servers whose entries this process loads (a shard process: its own); default every one. */
      owns?: (guildId: string) => boolean;
    } = {},
  ): Promise<LiveEngine> {
    const worker = new CorpusWorker();
    const engine = await loadEngineInWorker(worker, corpusDir, logger, options);
    const live = new LiveEngine(engine, store, worker, options.engine ?? {}, options.limits, options.owns);
    await runInSlices(live.curation.applyAll(engine, live.owns));
    live.lastGood = options.lastGood;
    return live;
  }

  /** Follows edits to the corpus files: each reload builds a fresh engine and swaps it in. */
  async watch(corpusDir: string, logger: Logger, debounceMs?: number): Promise<CorpusWatch> {
    return watchCorpus({
      dir: corpusDir,
      logger,
      load: (dir, options) => this.worker.loadCorpus(dir, options),
      ...(debounceMs === undefined ? {} : { debounceMs }),
      ...(this.lastGood ? { lastGood: await this.lastGood.read() } : {}),
      onReload: async (loaded) => this.replace(await AnswerEngine.build(loaded.corpus, this.options)),
    });
  }

  get current(): AnswerEngine {
    return this.engine;
  }

  /** Fills a fresh engine with the server entries, in slices, and swaps it in. */
  async replace(engine: AnswerEngine): Promise<void> {
    this.changedDuringSwap = new Set();
    try {
      await runInSlices(this.curation.applyAll(engine, this.owns));
      for (const entryId of this.changedDuringSwap) this.curation.sync(entryId, engine);
      this.engine = engine;
    } finally {
      this.changedDuringSwap = undefined;
    }
  }

  /** Import and export files, parsed and written in the worker thread. */
  readonly bundles: BundleFiles = {
    read: (file, text) => this.worker.readBundle(file, text),
    write: (entries, heading) => this.worker.writeBundle(entries, heading),
  };

  /** Waits for the last good corpus files being saved, e.g. before the process exits. */
  async flushLastGood(): Promise<void> {
    await this.lastGood?.flush();
  }

  /** Stops the worker thread. */
  close(): Promise<void> {
    return this.worker.close();
  }
}

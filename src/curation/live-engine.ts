import type { CurationLimits } from '../config.js';
import type { LastGoodFiles } from '../corpus/last-good.js';
import { type CorpusWatch, watchCorpus } from '../corpus/watch.js';
import type { Logger } from '../logger.js';
import { AnswerEngine } from '../search/engine.js';
import { loadEngine } from '../search/load-engine.js';
import type { EngineOptions } from '../search/options.js';
import type { Store } from '../store/index.js';
import { CurationService } from './service.js';

/** The engine in use now. Handlers read `current` per interaction, so a corpus reload swaps it. */
interface EngineRef {
  readonly current: AnswerEngine;
}

/**
 * The running corpus: the shipped files plus every server's entries from the store. A fresh
 * engine (after the corpus files change) gets the server entries before it is swapped in.
 */
export class LiveEngine implements EngineRef {
  readonly curation: CurationService;
  private engine: AnswerEngine;

  constructor(
    engine: AnswerEngine,
    store: Store,
    private readonly options: Partial<EngineOptions> = {},
    limits?: CurationLimits,
  ) {
    this.engine = engine;
    this.curation = new CurationService(store, () => this.engine, limits);
    this.curation.applyAll(engine);
  }

  static async load(
    corpusDir: string,
    store: Store,
    logger: Logger,
    options: Partial<EngineOptions> = {},
    lastGood?: LastGoodFiles,
    limits?: CurationLimits,
  ): Promise<LiveEngine> {
    const live = new LiveEngine(await loadEngine(corpusDir, logger, options, lastGood), store, options, limits);
    live.lastGood = lastGood;
    return live;
  }

  /** The last good corpus files, shared with the watch so reloads keep them current. */
  private lastGood: LastGoodFiles | undefined;

  /** Follows edits to the corpus files: each reload builds a fresh engine and swaps it in. */
  watch(corpusDir: string, logger: Logger, debounceMs?: number): Promise<CorpusWatch> {
    return watchCorpus({
      dir: corpusDir,
      logger,
      ...(debounceMs === undefined ? {} : { debounceMs }),
      ...(this.lastGood ? { lastGood: this.lastGood } : {}),
      onReload: (loaded) => this.replace(AnswerEngine.create(loaded.corpus, this.options)),
    });
  }

  get current(): AnswerEngine {
    return this.engine;
  }

  replace(engine: AnswerEngine): void {
    this.curation.applyAll(engine);
    this.engine = engine;
  }
}

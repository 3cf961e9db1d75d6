import { type FSWatcher, watch } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger.js';
import type { LastGoodFiles } from './last-good.js';
import type { CorpusLoader } from './load.js';

const WATCH_DEFAULTS = {
  /** Editors save in bursts (temp file, rename, chmod): one reload per burst. */
  debounceMs: 300,
};

export interface CorpusWatchOptions {
  dir: string;
  logger: Logger;
  debounceMs?: number;
  /** Where the last good version of each file is kept across restarts; in memory only when unset. */
  lastGood?: LastGoodFiles;
  /** How the folder is read: in this thread by default, or in a worker thread. */
  load?: CorpusLoader;
  /** Gets every reload; a file with problems is in it at its last good version. */
  onReload: (loaded: Awaited<ReturnType<CorpusLoader>>) => void | Promise<void>;
}

export interface CorpusWatch {
  /** Stops watching; waits for a reload in progress. */
  close(): Promise<void>;
}

/** Only corpus files (and folders, which may be renamed) count: not editor droppings or hidden folders. */
function ignored(file: string): boolean {
  if (file.split(path.sep).some((segment) => segment.startsWith('.'))) return true;
  const extension = path.extname(file);
  return extension !== '' && !['.md', '.yaml', '.yml'].includes(extension);
}

/**
 * Watches the corpus folder and reloads it after each burst of changes, never two reloads at
 * once. A file that breaks keeps its last good version, and the log says why. Nothing here
 * throws: the bot keeps running whatever is saved.
 */
export async function watchCorpus(options: CorpusWatchOptions): Promise<CorpusWatch> {
  const { dir, logger, onReload } = options;
  // Imported when used: the bot loads in its worker, and the YAML parser costs its start-up otherwise.
  const load: CorpusLoader = options.load ?? (async (...args) => (await import('./load.js')).loadCorpus(...args));
  const debounceMs = options.debounceMs ?? WATCH_DEFAULTS.debounceMs;
  const exists = await stat(dir).then(
    (info) => info.isDirectory(),
    () => false,
  );
  if (!exists) {
    logger.warn({ corpus: dir }, 'corpus folder not found: not watching it');
    return { close: async () => undefined };
  }

  // The last good texts come primed from the first load; without them, a first load here primes them.
  const lastGood = options.lastGood?.texts ?? new Map<string, string>();
  if (!options.lastGood) {
    await load(dir, { lastGood }).catch((error: unknown) => logger.error({ err: error, corpus: dir }, 'corpus watch: first load failed'));
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let closed = false;

  const reload = async (): Promise<void> => {
    const started = performance.now();
    try {
      const loaded = await load(dir, { lastGood });
      for (const problem of loaded.problems) {
        const keptOld = loaded.fellBack.includes(problem.file);
        logger.error(
          { file: problem.file, line: problem.line, problem: problem.message, keptLastGood: keptOld },
          keptOld ? 'corpus file has problems: keeping its last good version' : 'corpus file has problems: skipped',
        );
      }
      await onReload(loaded);
      void options.lastGood?.saveOrWarn(logger);
      logger.info(
        {
          corpus: dir,
          entries: loaded.corpus.entries.length,
          companies: loaded.corpus.companies.length,
          ms: Math.round(performance.now() - started),
        },
        'corpus reloaded',
      );
    } catch (error) {
      logger.error({ err: error, corpus: dir }, 'corpus reload failed: keeping the current corpus');
    }
  };

  const run = () => {
    timer = undefined;
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = reload().finally(() => {
      running = undefined;
      if (again && !closed) {
        again = false;
        run();
      }
    });
  };

  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, { recursive: true }, (_event, file) => {
      if (closed || (file && ignored(file))) return;
      clearTimeout(timer);
      timer = setTimeout(run, debounceMs);
    });
    watcher.on('error', (error) => logger.error({ err: error, corpus: dir }, 'corpus watch failed: edits on disk need a restart'));
  } catch (error) {
    logger.error({ err: error, corpus: dir }, 'corpus watch unavailable: edits on disk need a restart');
  }
  logger.debug({ corpus: dir, debounceMs }, 'watching the corpus');

  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      watcher?.close();
      await running;
    },
  };
}

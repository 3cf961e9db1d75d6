import type { CorpusWorker } from '../corpus/corpus-worker.js';
import type { LastGoodFiles } from '../corpus/last-good.js';
import type { CorpusProblem } from '../corpus/problems.js';
import type { Logger } from '../logger.js';
import { runInSlices } from '../slices.js';
import { AnswerEngine } from './engine.js';
import { type EngineOptions, engineOptions as engineOptionsWith } from './options.js';
import { decodeRecord, SnapshotAssembler } from './snapshot.js';

/** Logs each problem of a corpus load as an error, saying whether the file's last good version was used. */
function logProblems(logger: Logger, corpusDir: string, problems: readonly CorpusProblem[], fellBack: readonly string[]): void {
  for (const problem of problems) {
    const kept = fellBack.includes(problem.file);
    logger.error(
      { corpus: corpusDir, ...problem, keptLastGood: kept },
      kept ? 'corpus file has problems: loaded its last good version' : 'corpus problem: file skipped or field ignored',
    );
  }
}

/**
 * Loads a corpus folder and builds the engine in bounded slices, on this thread (the command line).
 * Bad files are skipped and each problem is logged as an error; the engine starts with everything else.
 */
export async function loadEngine(corpusDir: string, logger: Logger, options: Partial<EngineOptions> = {}): Promise<AnswerEngine> {
  const started = performance.now();
  // Imported here: the bot loads corpora in its worker, and the YAML parser costs its start-up otherwise.
  const { loadCorpus } = await import('../corpus/load.js');
  const { corpus, problems, fellBack } = await loadCorpus(corpusDir);
  logProblems(logger, corpusDir, problems, fellBack);
  const engine = await AnswerEngine.build(corpus, options);
  logger.info({ corpus: corpusDir, entries: engine.size, ms: Math.round(performance.now() - started) }, 'engine ready');
  return engine;
}

/** Decodes snapshot records, one per slice, and restores the engine from them. */
async function restoreEngine(records: readonly Uint8Array[], options: EngineOptions): Promise<AnswerEngine> {
  const assembler = new SnapshotAssembler();
  await runInSlices(
    (function* () {
      for (const record of records) {
        assembler.add(decodeRecord(record));
        yield;
      }
    })(),
  );
  return AnswerEngine.restore(assembler.finish(), options);
}

/**
 * The bot's engine: the corpus folder loaded and indexed in the worker thread (or its snapshot read
 * from `snapshotFile`, when it matches), then restored here in slices. A snapshot that will not restore
 * is rebuilt once. Problems are logged as `loadEngine` logs them.
 */
export async function loadEngineInWorker(
  worker: CorpusWorker,
  corpusDir: string,
  logger: Logger,
  options: { engine?: Partial<EngineOptions>; lastGood?: LastGoodFiles; snapshotFile?: string } = {},
): Promise<AnswerEngine> {
  const started = performance.now();
  const engineOptions = engineOptionsWith(options.engine);
  const { lastGood, snapshotFile } = options;
  const request = { engineOptions, ...(snapshotFile ? { snapshotFile } : {}) };
  // The last good copies are needed only to build: the snapshot is tried without reading them first.
  const build = async (rebuild: boolean) =>
    worker.loadEngine(corpusDir, {
      ...request,
      ...(lastGood ? { lastGood: (await lastGood.read()).texts } : {}),
      ...(rebuild ? { rebuild } : {}),
    });
  const trySnapshotFirst = lastGood !== undefined && snapshotFile !== undefined;
  let loaded = trySnapshotFirst ? await worker.loadEngine(corpusDir, { ...request, snapshotOnly: true }) : await build(false);
  if (trySnapshotFirst && !loaded.snapshot.used) loaded = await build(false);
  let engine = await restoreEngine(loaded.records, engineOptions).catch((error: unknown) => {
    if (!loaded.snapshot.used) throw error;
    logger.warn({ err: error, file: snapshotFile }, 'index snapshot would not restore: rebuilding it');
    return undefined;
  });
  if (!engine) {
    loaded = await build(true);
    engine = await restoreEngine(loaded.records, engineOptions);
  }
  logProblems(logger, corpusDir, loaded.problems, loaded.fellBack);
  void lastGood?.saveOrWarn(logger);
  const { snapshot } = loaded;
  if (!snapshot.used && snapshot.writeError)
    logger.warn({ file: snapshotFile, error: snapshot.writeError }, 'could not save the index snapshot');
  logger.info(
    {
      corpus: corpusDir,
      entries: engine.size,
      ms: Math.round(performance.now() - started),
      snapshot: snapshot.used ? 'loaded' : `rebuilt: ${snapshot.reason}`,
      ...(snapshot.used && snapshot.readAhead ? { readAhead: true } : {}),
    },
    'engine ready',
  );
  return engine;
}

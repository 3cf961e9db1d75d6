import type { LastGoodFiles } from '../corpus/last-good.js';
import { type CorpusLoader, loadCorpus } from '../corpus/load.js';
import type { Logger } from '../logger.js';
import { AnswerEngine } from './engine.js';
import type { EngineOptions } from './options.js';

/**
 * Loads a corpus folder and builds the engine in bounded slices. Bad files are skipped and each
 * problem is logged as an error; the engine starts with everything else.
 */
export async function loadEngine(
  corpusDir: string,
  logger: Logger,
  options: Partial<EngineOptions> = {},
  lastGood?: LastGoodFiles,
  load: CorpusLoader = loadCorpus,
): Promise<AnswerEngine> {
  const started = performance.now();
  const { corpus, problems, fellBack } = await load(corpusDir, lastGood ? { lastGood: lastGood.texts } : {});
  for (const problem of problems) {
    const kept = fellBack.includes(problem.file);
    logger.error(
      { corpus: corpusDir, ...problem, keptLastGood: kept },
      kept ? 'corpus file has problems: loaded its last good version' : 'corpus problem: file skipped or field ignored',
    );
  }
  void lastGood?.saveOrWarn(logger);
  const engine = await AnswerEngine.build(corpus, options);
  logger.info(
    { corpus: corpusDir, entries: engine.size, companies: corpus.companies.length, ms: Math.round(performance.now() - started) },
    'engine ready',
  );
  return engine;
}

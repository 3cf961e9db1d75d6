import { loadCorpus } from '../corpus/load.js';
import type { Logger } from '../logger.js';
import { AnswerEngine } from './engine.js';
import type { EngineOptions } from './options.js';

/**
 * Loads a corpus folder and builds the engine. Bad files are skipped and each problem
 * is logged as an error; the engine starts with everything else.
 */
export async function loadEngine(corpusDir: string, logger: Logger, options: Partial<EngineOptions> = {}): Promise<AnswerEngine> {
  const started = performance.now();
  const { corpus, problems } = await loadCorpus(corpusDir);
  for (const problem of problems) logger.error({ corpus: corpusDir, ...problem }, 'corpus problem: file skipped or field ignored');
  const engine = new AnswerEngine(corpus, options);
  logger.debug(
    { corpus: corpusDir, entries: engine.size, companies: corpus.companies.length, ms: Math.round(performance.now() - started) },
    'engine ready',
  );
  return engine;
}

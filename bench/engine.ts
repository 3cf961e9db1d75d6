/**
 * npm run bench
 * Index build time, median and p99 time to answer one question and to suggest for a partial
 * query, and heap, on the shipped corpus and on synthetic corpora of 10,000 and 50,000 entries.
 */
import path from 'node:path';
import { loadCorpus } from '../src/corpus/load.js';
import type { Corpus } from '../src/corpus/types.js';
import { AnswerEngine } from '../src/search/engine.js';
import { ms, summarizeTimes } from './stats.js';
import { random, synthetic } from './synthetic.js';

const QUESTIONS_PER_RUN = 2_000;
const SYNTHETIC_SIZES = (process.env.BENCH_SIZES ?? '10000,50000').split(',').map(Number);

function sampleQuestions(engine: AnswerEngine, count: number): string[] {
  const next = random(7);
  const entries = engine.entries();
  const extra = ['Does Netflix use Rust?', 'How much does Netflix cost?', 'Which database does Discord use?', 'k8s at spotify'];
  return Array.from({ length: count }, (_, index) => {
    if (index % 10 === 0) return extra[(index / 10) % extra.length]!;
    const entry = entries[Math.floor(next() * entries.length)]!;
    return index % 3 === 0 ? (entry.phrasings[0] ?? entry.question) : entry.question;
  });
}

function measure(label: string, corpus: Corpus): void {
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const engine = AnswerEngine.create(corpus);
  const buildMs = performance.now() - started;
  global.gc?.();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;

  const questions = sampleQuestions(engine, QUESTIONS_PER_RUN);
  for (const question of questions.slice(0, 200)) engine.ask(question); // warm up the JIT
  const answerTimes = questions.map((question) => {
    const start = performance.now();
    engine.ask(question);
    return performance.now() - start;
  });
  const partials = questions.map((question) => question.slice(0, Math.max(3, Math.floor(question.length / 2))));
  for (const partial of partials.slice(0, 200)) engine.suggest(partial);
  const suggestTimes = partials.map((partial) => {
    const start = performance.now();
    engine.suggest(partial);
    return performance.now() - start;
  });
  const answer = summarizeTimes(answerTimes);
  const suggest = summarizeTimes(suggestTimes);
  console.log(
    `| ${label} | ${engine.size} | ${(buildMs / 1000).toFixed(2)} s | ${ms(answer.median)} | ${ms(answer.p99)} | ` +
      `${ms(suggest.median)} | ${ms(suggest.p99)} | ${heapMb.toFixed(0)} MB |`,
  );
}

const { corpus, problems } = await loadCorpus(path.resolve(process.argv[2] ?? 'corpus'));
if (problems.length) console.log(`(the shipped corpus has ${problems.length} problem(s); run npm run corpus:check)`);
console.log(
  `Node ${process.version}, ${QUESTIONS_PER_RUN} questions per corpus${global.gc ? '' : ' (heap is approximate: run with --expose-gc)'}`,
);
console.log('| corpus | entries | build | answer median | answer p99 | suggest median | suggest p99 | heap |');
console.log('|---|---|---|---|---|---|---|---|');
measure('shipped', corpus);
for (const size of SYNTHETIC_SIZES) measure(`synthetic ${size.toLocaleString('en')}`, synthetic(corpus, size));

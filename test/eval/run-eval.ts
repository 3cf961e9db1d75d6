/** npm run eval [-- --failures]: the labelled eval set against the shipped corpus. */
import path from 'node:path';
import { loadCorpus } from '../../src/corpus/load.js';
import { AnswerEngine } from '../../src/search/engine.js';
import { loadEvalCases, runEval } from './eval.js';

const { corpus } = await loadCorpus(path.resolve('corpus'));
const engine = AnswerEngine.create(corpus);
const cases = loadEvalCases();
const report = runEval(engine, cases);
const byKind = new Map<string, number>();
for (const evalCase of cases) byKind.set(evalCase.kind, (byKind.get(evalCase.kind) ?? 0) + 1);

console.log(`Eval: ${cases.length} questions (${[...byKind].map(([kind, count]) => `${kind} ${count}`).join(', ')})`);
console.log(`precision@1 on answerable questions: ${(100 * report.precisionAt1).toFixed(1)}% (${report.answerable})`);
console.log(`unanswerable questions correctly not answered: ${(100 * report.correctlyNotAnswered).toFixed(1)}% (${report.unanswerable})`);
if (process.argv.includes('--failures')) {
  for (const { case: evalCase, got } of report.failures)
    console.log(`  [${evalCase.kind}] ${evalCase.q}\n    expected ${[evalCase.expect].flat().join(' or ')}, got ${got}`);
} else if (report.failures.length) {
  console.log(`${report.failures.length} misses; npm run eval -- --failures lists them.`);
}

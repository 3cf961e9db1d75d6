import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { AnswerEngine } from '../../src/search/engine.js';

/**
 * The labelled eval set: each case is a question and what a right answer is.
 * `expect` is an entry id (the question is answerable and that entry is right) or
 * `none` (the bot must not answer: an out-of-scope question, or a company and
 * technology pair the corpus has no fact for).
 */
export interface EvalCase {
  q: string;
  /** The right entry, several entries that each answer the question as asked, or `none`. */
  expect: string | string[];
  /** What the case exercises: paraphrase, typo, alias, abbreviation, no-fact, out-of-scope… */
  kind: string;
}

export interface EvalReport {
  answerable: number;
  precisionAt1: number;
  unanswerable: number;
  correctlyNotAnswered: number;
  failures: { case: EvalCase; got: string }[];
}

export const EVAL_FILE = path.resolve('test/eval/queries.yaml');
export const NOT_ANSWERABLE = 'none';

export function loadEvalCases(file = EVAL_FILE): EvalCase[] {
  return parse(readFileSync(file, 'utf8')) as EvalCase[];
}

/** Precision@1 on answerable cases; the share of unanswerable ones not answered. */
export function runEval(engine: AnswerEngine, cases: readonly EvalCase[]): EvalReport {
  let answerable = 0;
  let hits = 0;
  let unanswerable = 0;
  let abstained = 0;
  const failures: EvalReport['failures'] = [];
  for (const evalCase of cases) {
    const result = engine.ask(evalCase.q);
    const got = result.status === 'answered' && result.entry ? result.entry.id : `(${result.status})`;
    const expected = Array.isArray(evalCase.expect) ? evalCase.expect : [evalCase.expect];
    if (evalCase.expect === NOT_ANSWERABLE) {
      unanswerable += 1;
      if (result.status !== 'answered') abstained += 1;
      else failures.push({ case: evalCase, got });
    } else {
      answerable += 1;
      if (expected.includes(got)) hits += 1;
      else failures.push({ case: evalCase, got });
    }
  }
  return {
    answerable,
    precisionAt1: answerable ? hits / answerable : 0,
    unanswerable,
    correctlyNotAnswered: unanswerable ? abstained / unanswerable : 0,
    failures,
  };
}

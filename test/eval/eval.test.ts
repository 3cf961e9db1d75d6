import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { AnswerEngine } from '../../src/search/engine.js';
import { loadEvalCases, NOT_ANSWERABLE, runEval } from './eval.js';

/** Floors set from the measured figures, a little below them so noise in wording changes does not flake. */
const FLOORS = { precisionAt1: 0.93, correctlyNotAnswered: 0.95 };
/** Floors per section, so one kind of question cannot quietly get worse behind the overall figure. */
const SECTION_FLOORS: Record<string, { precisionAt1?: number; correctlyNotAnswered?: number }> = {
  'company-stack': { precisionAt1: 0.9 },
  'company-category': { precisionAt1: 0.9 },
  'company-uses': { precisionAt1: 0.9 },
  synonym: { precisionAt1: 0.8 },
  'multi-entity': { precisionAt1: 0.9 },
  'consumer-howto': { correctlyNotAnswered: 0.9 },
  people: { correctlyNotAnswered: 0.9 },
  'unknown-company': { correctlyNotAnswered: 0.9 },
};

describe('eval: the labelled question set against the shipped corpus', async () => {
  const { corpus } = await loadCorpus(path.resolve('corpus'));
  const engine = AnswerEngine.create(corpus);
  const cases = loadEvalCases();

  it('has at least 250 questions, every expected entry exists', () => {
    expect(cases.length).toBeGreaterThanOrEqual(250);
    for (const evalCase of cases) {
      if (evalCase.expect === NOT_ANSWERABLE) continue;
      for (const id of [evalCase.expect].flat()) expect(engine.entry(id), id).toBeDefined();
    }
    const kinds = new Set(cases.map((evalCase) => evalCase.kind));
    for (const kind of [
      'paraphrase',
      'typo',
      'abbreviation',
      'alias',
      'no-fact',
      'out-of-scope',
      'company-stack',
      'company-category',
      'company-uses',
    ])
      expect(kinds).toContain(kind);
  });

  it.each(Object.entries(SECTION_FLOORS))('section %s holds its floor', (kind, floor) => {
    const report = runEval(
      engine,
      cases.filter((evalCase) => evalCase.kind === kind),
    );
    if (floor.precisionAt1 !== undefined) expect(report.precisionAt1).toBeGreaterThanOrEqual(floor.precisionAt1);
    if (floor.correctlyNotAnswered !== undefined) expect(report.correctlyNotAnswered).toBeGreaterThanOrEqual(floor.correctlyNotAnswered);
    expect(report.answerable + report.unanswerable).toBeGreaterThan(0);
  });

  it(`precision@1 on answerable questions is at least ${FLOORS.precisionAt1}`, () => {
    expect(runEval(engine, cases).precisionAt1).toBeGreaterThanOrEqual(FLOORS.precisionAt1);
  });

  it(`at least ${FLOORS.correctlyNotAnswered} of unanswerable questions are not answered`, () => {
    expect(runEval(engine, cases).correctlyNotAnswered).toBeGreaterThanOrEqual(FLOORS.correctlyNotAnswered);
  });

  it('never says "no record of X using T" for a fact the corpus holds, over the whole eval', () => {
    const contradictions: string[] = [];
    for (const evalCase of cases) {
      const notice = engine.ask(evalCase.q).notice ?? '';
      for (const [, companyName, technologyName] of notice.matchAll(/no record of (.+?) using (.+?), so/g)) {
        const company = engine.findCompany(companyName!);
        const technology = engine.resolveTag(technologyName!).technology;
        if (company?.facts.some((fact) => fact.technology === technology)) contradictions.push(`${evalCase.q}: ${notice}`);
      }
    }
    expect(contradictions).toEqual([]);
  });
});

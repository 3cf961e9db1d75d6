import { intentKey } from '../corpus/derive.js';
import type { Entry } from '../corpus/types.js';
import type { Analysis } from './analyzer.js';
import type { EntryIndex, Hit } from './entry-index.js';
import type { EngineOptions } from './options.js';

export interface Candidate {
  entry: Entry;
  score: number;
  coverage: number;
  compatible: boolean;
  intentMatch: boolean;
  /** Coverage, halved when a named company or technology is missing, plus the intent bonus; may exceed 1. */
  confidence: number;
  /** The full-text score as a share of the best one in the same index. */
  textScore: number;
  /** What candidates are ordered by: confidence mixed with the text score (see coverageWeight). */
  rankKey: number;
}

/** Coverage this close to 1 means every term is there (weights are floating point). */
const EXACT = 0.999;

type RankingOptions = Pick<EngineOptions, 'coverageWeight' | 'reverseWeight' | 'intentBonus'>;

/** Orders the entries a question's terms find, and says how confident the engine is in each. */
export class Ranker {
  constructor(private readonly options: RankingOptions) {}

  /**
   * Candidates best first, from each index (the shipped corpus's, and a server's own). Full-text scores
   * are compared within an index only: each counts as a share of its index's best. `intended` answers
   * the question's structured intent exactly, if any, and `indexOf` says which index holds it.
   */
  rank(
    analysis: Analysis,
    intended: Entry | undefined,
    indexes: readonly EntryIndex[],
    indexOf: (entry: Entry) => EntryIndex,
    visible: (entry: Entry) => boolean,
    limit: number,
  ): Candidate[] {
    const candidates: Candidate[] = [];
    for (const index of indexes) {
      const hits = index.find(analysis.terms, { limit });
      // The entry for the question's exact intent can fall outside the text search's top hits when its
      // words are common across the corpus ("database"); it is ranked as if it had the best text score.
      if (intended && indexOf(intended) === index && !hits.some((hit) => hit.entry.id === intended.id)) {
        hits.push({ entry: intended, score: Math.max(0, ...hits.map((hit) => hit.score)) });
      }
      const own: Candidate[] = [];
      for (const hit of hits) {
        if (!visible(hit.entry)) continue;
        // An entry overridden for this server (same intent, lower priority) is not a rival.
        const shadowed =
          intended && hit.entry !== intended && hit.entry.intent && intentKey(hit.entry.intent) === intentKey(intended.intent!);
        if (shadowed) continue;
        own.push(this.judge(hit, analysis, hit.entry.id === intended?.id, index));
      }
      const topScore = Math.max(1e-9, ...own.map((candidate) => candidate.score));
      for (const candidate of own) candidate.textScore = candidate.score / topScore;
      candidates.push(...own);
    }
    const weight = this.options.coverageWeight;
    for (const candidate of candidates) candidate.rankKey = weight * candidate.confidence + (1 - weight) * candidate.textScore;
    return candidates.sort((a, b) => b.rankKey - a.rankKey || b.textScore - a.textScore);
  }

  private judge({ entry, score }: Hit, analysis: Analysis, intentMatch: boolean, index: EntryIndex): Candidate {
    const forward = index.coverage(analysis.terms, entry.id);
    const reverse = index.reverseCoverage(analysis.terms, entry.id);
    const coverage = (1 - this.options.reverseWeight) * forward + this.options.reverseWeight * reverse;
    const compatible =
      analysis.companies.every((company) => entry.companies.includes(company)) &&
      analysis.technologies.every((technology) => entry.technologies.includes(technology));
    // The entry lists this very question (its own or a phrasing, word for word after analysis).
    const asksThis = compatible && forward >= EXACT && reverse >= EXACT;
    let confidence = compatible ? coverage : coverage * 0.5;
    if (intentMatch || asksThis) confidence += this.options.intentBonus;
    return { entry, score, textScore: 1, coverage, compatible, intentMatch: intentMatch || asksThis, confidence, rankKey: confidence };
  }
}

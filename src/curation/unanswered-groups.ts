import type { UnansweredQuestion } from '../store/unanswered.js';

/** Wordings that share at least this share of their terms are one group. */
const SIMILAR_WORDING = 0.6;

export interface UnansweredGroup {
  /** The most asked wording. */
  question: string;
  /** The queue rows in the group; the first is the most asked. */
  ids: number[];
  wordings: string[];
  askCount: number;
  lastAskedAt: number;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * Groups unanswered questions by similar wording (their analysed terms), most asked first.
 * `termsOf` comes from the engine, so "Does Netflix use Zig?" and "netflix using zig" group.
 */
export function groupUnanswered(questions: readonly UnansweredQuestion[], termsOf: (question: string) => string[]): UnansweredGroup[] {
  const groups: (UnansweredGroup & { terms: Set<string> })[] = [];
  for (const question of [...questions].sort((a, b) => b.askCount - a.askCount || b.lastAskedAt - a.lastAskedAt)) {
    const terms = new Set(termsOf(question.question));
    const group = groups.find((candidate) => jaccard(candidate.terms, terms) >= SIMILAR_WORDING);
    if (group) {
      group.ids.push(question.id);
      group.wordings.push(question.question);
      group.askCount += question.askCount;
      group.lastAskedAt = Math.max(group.lastAskedAt, question.lastAskedAt);
    } else {
      groups.push({
        question: question.question,
        ids: [question.id],
        wordings: [question.question],
        askCount: question.askCount,
        lastAskedAt: question.lastAskedAt,
        terms,
      });
    }
  }
  return groups.sort((a, b) => b.askCount - a.askCount || b.lastAskedAt - a.lastAskedAt).map(({ terms: _terms, ...group }) => group);
}

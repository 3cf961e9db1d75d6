import { citationLabel } from '../corpus/sources.js';
import type { Citation } from '../corpus/types.js';
import type { AskResult } from '../search/results.js';

/** The CLI's --json contract: one object per question. */
export function toJson(result: AskResult) {
  const { entry } = result;
  return {
    status: result.status,
    entry: entry
      ? { id: entry.id, question: entry.question, answer: entry.answer, sources: entry.sources, updated: entry.updated ?? null }
      : null,
    confidence: result.confidence,
    alternatives: result.alternatives,
    related: result.related,
    reason: result.reason,
    ...(result.notice ? { notice: result.notice } : {}),
  };
}

/** The answer as a person reads it in a terminal. */
export function toText(result: AskResult, citations: readonly Citation[]): string {
  const lines: string[] = [];
  const { entry } = result;
  if (result.status === 'answered' && entry) {
    lines.push(entry.question, '', entry.answer, '');
    if (citations.length) {
      lines.push('Sources:', ...citations.map((citation) => `  ${citationLabel(citation)}${citation.title ? `: ${citation.url}` : ''}`));
    }
    const freshness = [
      entry.askedBy ? `Asked by ${entry.askedBy}` : '',
      entry.updated ? `Updated ${entry.updated}` : '',
      entry.asOf ? `Facts as of ${entry.asOf}` : '',
    ].filter(Boolean);
    if (freshness.length) lines.push(freshness.join(' · '));
    if (result.related.length) lines.push('', 'Related questions:', ...result.related.map((item) => `  - ${item.question}`));
  } else if (result.status === 'unsure') {
    if (result.notice) lines.push(result.notice, '');
    lines.push("I'm not sure. Did you mean:", ...result.alternatives.map((item) => `  - ${item.question}`));
  } else {
    lines.push(result.notice ?? 'I answer questions about the technology companies use, and that one is outside what I know.');
    lines.push('Try: "Does Netflix use Apache Spark?", "Which database does Discord use?", "What tech stack does Shopify use?"');
  }
  return lines.join('\n');
}

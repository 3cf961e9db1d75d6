import type { Entry } from '../corpus/types.js';
import type { EntrySummary } from '../search/results.js';
import { type Scope, scopeKey } from '../search/visibility.js';
import type { BotContext } from './context.js';
import { type MessagePayload, renderAnswer } from './render.js';

/**
 * The full answer message for an entry, as a given server sees it (related questions, votes). `related` is the
 * engine's list when the caller has it already (an AskResult's, same engine, same scope): not worked out twice.
 */
export function answerMessage(
  context: BotContext,
  entry: Entry,
  scope: Scope,
  options: { ephemeral: boolean; note?: string; readerId?: string; related?: readonly EntrySummary[]; solved?: 'open' | 'done' },
): MessagePayload {
  const votes = context.store.votes;
  return renderAnswer({
    entry,
    citations: context.engine.citations(entry),
    related: options.related ?? context.engine.related(entry.id, scope),
    tally: votes.tally(scopeKey(scope), entry.id),
    ephemeral: options.ephemeral,
    ...(options.note ? { note: options.note } : {}),
    ...(options.solved ? { solved: options.solved } : {}),
    ...(options.ephemeral && options.readerId ? { myVote: votes.voteOf(scopeKey(scope), entry.id, options.readerId) } : {}),
  });
}

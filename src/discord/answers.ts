import type { Entry } from '../corpus/types.js';
import type { AskResult, EntrySummary } from '../search/results.js';
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
  options: { ephemeral: boolean; note?: string; readerId?: string; related?: readonly EntrySummary[] },
): MessagePayload {
  const votes = context.store.votes;
  return renderAnswer({
    entry,
    citations: context.engine.citations(entry),
    related: options.related ?? context.engine.related(entry.id, scope),
    tally: votes.tally(scopeKey(scope), entry.id),
    ephemeral: options.ephemeral,
    ...(options.note ? { note: options.note } : {}),
    ...(options.ephemeral && options.readerId ? { myVote: votes.voteOf(scopeKey(scope), entry.id, options.readerId) } : {}),
  });
}

/**
 * Files a question the bot could not answer in its scope's unanswered queue. Best effort, after the reply: a store
 * that cannot write (a full disk) must not cost the person their answer.
 */
export function recordUnanswered(context: BotContext, scope: Scope, question: string, result: AskResult, askedBy: string): void {
  try {
    context.store.unanswered.record(scopeKey(scope), question, result.status === 'unsure' ? 'unsure' : 'out_of_scope', askedBy);
  } catch (error) {
    context.logger.warn({ err: error }, 'could not record an unanswered question');
  }
}

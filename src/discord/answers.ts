import type { RepliableInteraction } from 'discord.js';
import type { Entry } from '../corpus/types.js';
import { ENGLISH, type MessageKey, type Translator } from '../i18n/index.js';
import { QueryError, type QueryErrorCode } from '../search/query-limits.js';
import type { AskResult, EntrySummary } from '../search/results.js';
import { type Scope, scopeKey } from '../search/visibility.js';
import type { AskOutcome } from '../store/ask-log.js';
import type { BotContext } from './context.js';
import { type MessagePayload, renderAnswer } from './render.js';
import { respondWithNote } from './reply.js';

/**
 * The full answer message for an entry, as a given server sees it (related questions, votes). `related` is the
 * engine's list when the caller has it already (an AskResult's, same engine, same scope): not worked out twice.
 */
export function answerMessage(
  context: BotContext,
  entry: Entry,
  scope: Scope,
  options: {
    tr?: Translator;
    ephemeral: boolean;
    note?: string;
    readerId?: string;
    related?: readonly EntrySummary[];
    solved?: 'open' | 'done';
  },
): MessagePayload {
  const votes = context.store.votes;
  return renderAnswer({
    tr: options.tr ?? ENGLISH,
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

/** What a result counts as in the ask log. */
export function outcomeOf(result: AskResult): AskOutcome {
  if (result.status === 'answered' && result.entry) return 'answered';
  return result.status === 'unsure' ? 'unsure' : 'out_of_scope';
}

/**
 * Records a question asked in its scope: in the ask log (/faq stats), and in the unanswered queue when it was
 * not answered. Best effort, after the reply: a store that cannot write (a full disk) must not cost the person
 * their answer. Written by the store's record thread, so its commit never holds the event loop.
 */
export async function recordQuestion(
  context: BotContext,
  scope: Scope,
  asked: { question: string; outcome: AskOutcome; askedBy: string; entryId?: string | undefined },
): Promise<void> {
  const { question, outcome, askedBy, entryId } = asked;
  try {
    await context.store.records.write({
      kind: 'question',
      guildId: scopeKey(scope),
      question,
      outcome,
      ...(outcome === 'answered' && entryId ? { entryId } : {}),
      askedBy,
      at: Date.now(),
    });
  } catch (error) {
    context.logger.warn({ err: error }, 'could not record a question');
  }
}

const QUERY_ERROR_KEYS: Record<QueryErrorCode, MessageKey> = {
  not_text: 'query.notText',
  empty: 'query.empty',
  too_long: 'query.tooLong',
  control: 'query.control',
  no_words: 'query.noWords',
};

/** Why the engine refused a question, in the reader's language (the engine words it in English only). */
function queryErrorNote(error: QueryError, tr: Translator): string {
  return tr(QUERY_ERROR_KEYS[error.code], error.params);
}

/**
 * The engine's result for a question someone asked, or undefined once they have been told, privately, why the
 * question cannot be read (too long, no words, …).
 */
export async function askOrExplain(
  interaction: RepliableInteraction,
  context: BotContext,
  question: string,
  scope: Scope,
  tr: Translator,
): Promise<AskResult | undefined> {
  try {
    return context.engine.ask(question, scope);
  } catch (error) {
    if (!(error instanceof QueryError)) throw error;
    await respondWithNote(interaction, queryErrorNote(error, tr));
    return undefined;
  }
}

import { ApplicationCommandOptionType, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { answerMessage } from '../src/discord/answers.js';
import { type BotContext, type CommandModule, scopeOf } from '../src/discord/context.js';
import { cutAtWord, DISCORD_LIMITS } from '../src/discord/limits.js';
import { renderOutOfScope, renderUnsure } from '../src/discord/render.js';
import { respond, respondWithNote } from '../src/discord/reply.js';
import { QUERY_LIMITS, QueryError } from '../src/search/query-limits.js';
import type { AskResult } from '../src/search/results.js';
import { scopeKey } from '../src/search/visibility.js';

/** Option names, used by the definition and by the handlers, so the two cannot drift apart. */
const OPTION = { question: 'question', private: 'private' } as const;

const definition = {
  name: 'ask',
  description: 'Ask which technology a company uses, e.g. "Does Netflix use Apache Spark?"',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: OPTION.question,
      description: 'Your question',
      required: true,
      autocomplete: true,
      max_length: QUERY_LIMITS.maxChars,
    },
    { type: ApplicationCommandOptionType.Boolean, name: OPTION.private, description: 'Show the answer to you only' },
  ],
} satisfies CommandModule['definition'];

/** An autocomplete pick sends the entry's question as the value, so it is answered like typed text. */
async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const cooldown = context.askCooldown.take(interaction.user.id);
  if (!cooldown.allowed) {
    await respondWithNote(interaction, `You're asking quickly! Please wait ${Math.ceil(cooldown.retryAfterMs / 1000)} s and try again.`);
    return;
  }
  const question = interaction.options.getString(OPTION.question, true);
  const ephemeral = interaction.options.getBoolean(OPTION.private) ?? false;
  const scope = scopeOf(interaction);
  let result: AskResult;
  try {
    result = context.engine.ask(question, scope);
  } catch (error) {
    if (error instanceof QueryError) return respondWithNote(interaction, error.message);
    throw error;
  }
  context.logger.debug({ status: result.status, reason: result.reason, confidence: result.confidence }, 'ask');
  if (result.status === 'answered' && result.entry) {
    const message = answerMessage(context, result.entry, scope, { ephemeral, readerId: interaction.user.id, related: result.related });
    await respond(interaction, message, { ephemeral });
  } else {
    const payload = result.status === 'unsure' ? renderUnsure(result) : renderOutOfScope(result);
    await respond(interaction, payload, { ephemeral: true });
  }
  // Best effort, after the reply: a store that cannot write (a full disk) must not cost the person their answer.
  // Every question goes in the ask log (/faq stats); unsure and out-of-scope ones also in the unanswered queue.
  try {
    await context.store.records.write({
      kind: 'question',
      guildId: scopeKey(scope),
      question,
      outcome: result.status === 'answered' && result.entry ? 'answered' : result.status === 'unsure' ? 'unsure' : 'out_of_scope',
      ...(result.status === 'answered' && result.entry ? { entryId: result.entry.id } : {}),
      askedBy: interaction.user.displayName,
      at: Date.now(),
    });
  } catch (error) {
    context.logger.warn({ err: error }, 'could not record a question');
  }
}

async function autocomplete(interaction: AutocompleteInteraction, context: BotContext): Promise<void> {
  const typed = interaction.options.getFocused();
  const suggestions = context.engine.suggest(typed, scopeOf(interaction));
  const choices = suggestions.slice(0, DISCORD_LIMITS.autocompleteChoices).map((suggestion) => {
    const name = cutAtWord(suggestion.question, DISCORD_LIMITS.choiceName);
    return { name, value: cutAtWord(suggestion.question, DISCORD_LIMITS.choiceValue) };
  });
  await interaction.respond(choices);
}

export const ask: CommandModule = { definition, execute, autocomplete };

import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  InteractionContextType,
  userMention,
} from 'discord.js';
import { answerMessage, outcomeOf, recordQuestion } from '../src/discord/answers.js';
import { type BotContext, type CommandModule, scopeOf } from '../src/discord/context.js';
import { cutAtWord, DISCORD_LIMITS } from '../src/discord/limits.js';
import { renderOutOfScope, renderUnsure } from '../src/discord/render.js';
import { respond, respondWithNote } from '../src/discord/reply.js';
import { QUERY_LIMITS, QueryError } from '../src/search/query-limits.js';
import type { AskResult } from '../src/search/results.js';

/** Option names, used by the definition and by the handlers, so the two cannot drift apart. */
const OPTION = { question: 'question', private: 'private', for: 'for' } as const;

/** Words this command writes itself, kept together for the message catalog. */
const TEXT = {
  description: 'Ask which technology a company uses, e.g. "Does Netflix use Apache Spark?"',
  questionOption: 'Your question',
  privateOption: 'Show the answer to you only',
  forOption: 'Someone to aim the answer at: they are mentioned, and only they',
  cooldown: (seconds: number) => `You're asking quickly! Please wait ${seconds} s and try again.`,
  /** The line above an answer aimed at someone with `for:`. */
  forUser: (mention: string) => `${mention}, here is what I know about this:`,
} as const;

const definition = {
  name: 'ask',
  description: TEXT.description,
  // Installable to a server and to a user's account; usable in servers, in DMs with the bot and in other DMs.
  integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel],
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: OPTION.question,
      description: TEXT.questionOption,
      required: true,
      autocomplete: true,
      max_length: QUERY_LIMITS.maxChars,
    },
    { type: ApplicationCommandOptionType.Boolean, name: OPTION.private, description: TEXT.privateOption },
    { type: ApplicationCommandOptionType.User, name: OPTION.for, description: TEXT.forOption },
  ],
} satisfies CommandModule['definition'];

/** An autocomplete pick sends the entry's question as the value, so it is answered like typed text. */
async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const cooldown = context.askCooldown.take(interaction.user.id);
  if (!cooldown.allowed) {
    await respondWithNote(interaction, TEXT.cooldown(Math.ceil(cooldown.retryAfterMs / 1000)));
    return;
  }
  const question = interaction.options.getString(OPTION.question, true);
  const ephemeral = interaction.options.getBoolean(OPTION.private) ?? false;
  const aimedAt = interaction.options.getUser(OPTION.for);
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
    // Aimed at someone: named above the answer, and the only one it may notify. A private answer names nobody.
    if (aimedAt && !ephemeral) {
      await respond(interaction, { ...message, content: TEXT.forUser(userMention(aimedAt.id)) }, { ephemeral, mentionUserId: aimedAt.id });
    } else {
      await respond(interaction, message, { ephemeral });
    }
  } else {
    await respond(interaction, result.status === 'unsure' ? renderUnsure(result) : renderOutOfScope(result), { ephemeral: true });
  }
  await recordQuestion(context, scope, {
    question,
    outcome: outcomeOf(result),
    askedBy: interaction.user.displayName,
    entryId: result.entry?.id,
  });
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

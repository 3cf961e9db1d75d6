import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  InteractionContextType,
  userMention,
} from 'discord.js';
import { answerMessage, askOrExplain, outcomeOf, recordQuestion } from '../src/discord/answers.js';
import { type BotContext, type CommandModule, scopeOf } from '../src/discord/context.js';
import { cutAtWord, DISCORD_LIMITS } from '../src/discord/limits.js';
import { renderOutOfScope, renderUnsure } from '../src/discord/render.js';
import { respond, respondWithNote } from '../src/discord/reply.js';
import { ENGLISH, localized, translatorFor } from '../src/i18n/index.js';
import { QUERY_LIMITS } from '../src/search/query-limits.js';

/** Option names, used by the definition and by the handlers, so the two cannot drift apart. */
const OPTION = { question: 'question', private: 'private', for: 'for' } as const;

const definition = {
  name: 'ask',
  description: ENGLISH('cmd.ask.description'),
  ...localized('cmd.ask.name', 'cmd.ask.description'),
  // Installable to a server and to a user's account; usable in servers, in DMs with the bot and in other DMs.
  integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel],
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: OPTION.question,
      description: ENGLISH('cmd.ask.question.description'),
      ...localized('cmd.ask.question.name', 'cmd.ask.question.description'),
      required: true,
      autocomplete: true,
      max_length: QUERY_LIMITS.maxChars,
    },
    {
      type: ApplicationCommandOptionType.Boolean,
      name: OPTION.private,
      description: ENGLISH('cmd.ask.private.description'),
      ...localized('cmd.ask.private.name', 'cmd.ask.private.description'),
    },
    {
      type: ApplicationCommandOptionType.User,
      name: OPTION.for,
      description: ENGLISH('cmd.ask.for.description'),
      ...localized('cmd.ask.for.name', 'cmd.ask.for.description'),
    },
  ],
} satisfies CommandModule['definition'];

/** An autocomplete pick sends the entry's question as the value, so it is answered like typed text. */
async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const tr = translatorFor(interaction);
  const cooldown = context.askCooldown.take(interaction.user.id);
  if (!cooldown.allowed) {
    await respondWithNote(interaction, tr('ask.cooldown', { seconds: Math.ceil(cooldown.retryAfterMs / 1000) }));
    return;
  }
  const question = interaction.options.getString(OPTION.question, true);
  const ephemeral = interaction.options.getBoolean(OPTION.private) ?? false;
  const aimedAt = interaction.options.getUser(OPTION.for);
  const scope = scopeOf(interaction);
  const result = await askOrExplain(interaction, context, question, scope, tr);
  if (!result) return;
  context.logger.debug({ status: result.status, reason: result.reason, confidence: result.confidence }, 'ask');
  if (result.status === 'answered' && result.entry) {
    const message = answerMessage(context, result.entry, scope, { tr, ephemeral, readerId: interaction.user.id, related: result.related });
    // Aimed at someone: named above the answer, and the only one it may notify. A private answer names nobody.
    if (aimedAt && !ephemeral) {
      await respond(
        interaction,
        { ...message, content: tr('answer.forUser', { mention: userMention(aimedAt.id) }) },
        { ephemeral, mentionUserId: aimedAt.id },
      );
    } else {
      await respond(interaction, message, { ephemeral });
    }
  } else {
    await respond(interaction, result.status === 'unsure' ? renderUnsure(result, tr) : renderOutOfScope(result, tr), { ephemeral: true });
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

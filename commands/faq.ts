import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  type AutocompleteInteraction,
  ChannelType,
  type ChatInputCommandInteraction,
  InteractionContextType,
  PermissionFlagsBits,
} from 'discord.js';
import { type BotContext, type CommandModule, scopeOf } from '../src/discord/context.js';
import { askToRemove, showHistory } from '../src/discord/curation/entry-actions.js';
import { showAddForm, showEditForm } from '../src/discord/curation/forms.js';
import { showFeedback, showUnanswered } from '../src/discord/curation/queue.js';
import { AUTO_ANSWER_DEFAULT_PERCENT, changeSettings } from '../src/discord/curation/settings.js';
import { showStats } from '../src/discord/curation/stats.js';
import { exportServerEntries, previewImport } from '../src/discord/curation/transfer.js';
import { cutAtWord, DISCORD_LIMITS } from '../src/discord/limits.js';
import { isCurator, requireCurator } from '../src/discord/permissions.js';
import { respondWithNote } from '../src/discord/reply.js';
import { ENGLISH, localized, type MessageKey, translatorFor } from '../src/i18n/index.js';

/** Option names, used by the definition and by the handlers, so the two cannot drift apart. */
const OPTION = {
  entry: 'entry',
  file: 'file',
  curatorRole: 'curator-role',
  autoAnswer: 'auto-answer',
  stopAutoAnswer: 'stop-auto-answer',
  confidence: 'confidence',
} as const;

/** A subcommand's English name and description, with their translations. */
const sub = (name: string, key: string) => ({
  type: ApplicationCommandOptionType.Subcommand as const,
  name,
  description: ENGLISH(`${key}.description` as MessageKey),
  ...localized(`${key}.name` as MessageKey, `${key}.description` as MessageKey),
});

const entryOption = (descriptionKey: MessageKey) =>
  ({
    type: ApplicationCommandOptionType.String,
    name: OPTION.entry,
    description: ENGLISH(descriptionKey),
    ...localized('cmd.faq.entry.name', descriptionKey),
    required: true,
    autocomplete: true,
    max_length: DISCORD_LIMITS.choiceValue,
  }) as const;

const definition = {
  name: 'faq',
  description: ENGLISH('cmd.faq.description'),
  ...localized('cmd.faq.name', 'cmd.faq.description'),
  // Only Manage Server by default; admins may widen it, so every handler checks again.
  default_member_permissions: String(PermissionFlagsBits.ManageGuild),
  // A server's FAQ: installed with the bot to a server, used there only.
  integration_types: [ApplicationIntegrationType.GuildInstall],
  contexts: [InteractionContextType.Guild],
  options: [
    sub('add', 'cmd.faq.add'),
    { ...sub('edit', 'cmd.faq.edit'), options: [entryOption('cmd.faq.edit.entry')] },
    { ...sub('remove', 'cmd.faq.remove'), options: [entryOption('cmd.faq.remove.entry')] },
    { ...sub('history', 'cmd.faq.history'), options: [entryOption('cmd.faq.history.entry')] },
    sub('unanswered', 'cmd.faq.unanswered'),
    sub('feedback', 'cmd.faq.feedback'),
    sub('stats', 'cmd.faq.stats'),
    sub('export', 'cmd.faq.export'),
    {
      ...sub('import', 'cmd.faq.import'),
      options: [
        {
          type: ApplicationCommandOptionType.Attachment,
          name: OPTION.file,
          description: ENGLISH('cmd.faq.import.file.description'),
          ...localized('cmd.faq.import.file.name', 'cmd.faq.import.file.description'),
          required: true,
        },
      ],
    },
    {
      ...sub('settings', 'cmd.faq.settings'),
      options: [
        {
          type: ApplicationCommandOptionType.Role,
          name: OPTION.curatorRole,
          description: ENGLISH('cmd.faq.settings.curatorRole.description'),
          ...localized('cmd.faq.settings.curatorRole.name', 'cmd.faq.settings.curatorRole.description'),
        },
        {
          type: ApplicationCommandOptionType.Channel,
          name: OPTION.autoAnswer,
          description: ENGLISH('cmd.faq.settings.autoAnswer.description'),
          ...localized('cmd.faq.settings.autoAnswer.name', 'cmd.faq.settings.autoAnswer.description'),
          channel_types: [ChannelType.GuildForum, ChannelType.GuildText],
        },
        {
          type: ApplicationCommandOptionType.Channel,
          name: OPTION.stopAutoAnswer,
          description: ENGLISH('cmd.faq.settings.stopAutoAnswer.description'),
          ...localized('cmd.faq.settings.stopAutoAnswer.name', 'cmd.faq.settings.stopAutoAnswer.description'),
          channel_types: [ChannelType.GuildForum, ChannelType.GuildText],
        },
        {
          type: ApplicationCommandOptionType.Integer,
          name: OPTION.confidence,
          description: ENGLISH('cmd.faq.settings.confidence.description', { percent: AUTO_ANSWER_DEFAULT_PERCENT }),
          ...localized('cmd.faq.settings.confidence.name', 'cmd.faq.settings.confidence.description', {
            percent: AUTO_ANSWER_DEFAULT_PERCENT,
          }),
          min_value: AUTO_ANSWER_DEFAULT_PERCENT,
          max_value: 100,
        },
      ],
    },
  ],
} satisfies CommandModule['definition'];

async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const subcommand = interaction.options.getSubcommand(false) ?? '';
  if (!(await requireCurator(interaction, context, `faq ${subcommand}`))) return;
  switch (subcommand) {
    case 'add':
      return showAddForm(interaction);
    case 'edit':
      return showEditForm(interaction, context, interaction.options.getString(OPTION.entry, true));
    case 'remove':
      return askToRemove(interaction, context, interaction.options.getString(OPTION.entry, true));
    case 'history':
      return showHistory(interaction, context, interaction.options.getString(OPTION.entry, true));
    case 'unanswered':
      return showUnanswered(interaction, context);
    case 'feedback':
      return showFeedback(interaction, context);
    case 'stats':
      return showStats(interaction, context);
    case 'export':
      return exportServerEntries(interaction, context);
    case 'import':
      return previewImport(interaction, context, interaction.options.getAttachment(OPTION.file, true));
    case 'settings':
      return changeSettings(interaction, context, {
        role: interaction.options.getRole(OPTION.curatorRole),
        autoAnswer: interaction.options.getChannel(OPTION.autoAnswer),
        stopAutoAnswer: interaction.options.getChannel(OPTION.stopAutoAnswer),
        confidencePercent: interaction.options.getInteger(OPTION.confidence),
      });
    default:
      return respondWithNote(interaction, translatorFor(interaction)('faq.unknownSubcommand'));
  }
}

/** Entries this server sees, by question; the value is the entry id. Nothing for non-curators. */
async function autocomplete(interaction: AutocompleteInteraction, context: BotContext): Promise<void> {
  const guildId = scopeOf(interaction).guildId;
  if (!guildId || !isCurator(interaction, context)) return interaction.respond([]);
  const typed = interaction.options.getFocused();
  const choices = context.engine
    .suggest(typed, { guildId })
    .filter((suggestion) => suggestion.id.length <= DISCORD_LIMITS.choiceValue)
    .slice(0, DISCORD_LIMITS.autocompleteChoices)
    .map((suggestion) => ({ name: cutAtWord(suggestion.question, DISCORD_LIMITS.choiceName), value: suggestion.id }));
  await interaction.respond(choices);
}

export const faq: CommandModule = { definition, execute, autocomplete };

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

/** Option names, used by the definition and by the handlers, so the two cannot drift apart. */
const OPTION = {
  entry: 'entry',
  file: 'file',
  curatorRole: 'curator-role',
  autoAnswer: 'auto-answer',
  stopAutoAnswer: 'stop-auto-answer',
  confidence: 'confidence',
} as const;

const entryOption = (description: string) =>
  ({
    type: ApplicationCommandOptionType.String,
    name: OPTION.entry,
    description,
    required: true,
    autocomplete: true,
    max_length: DISCORD_LIMITS.choiceValue,
  }) as const;

const definition = {
  name: 'faq',
  description: "Curate this server's Stackwise answers",
  // Only Manage Server by default; admins may widen it, so every handler checks again.
  default_member_permissions: String(PermissionFlagsBits.ManageGuild),
  // A server's FAQ: installed with the bot to a server, used there only.
  integration_types: [ApplicationIntegrationType.GuildInstall],
  contexts: [InteractionContextType.Guild],
  options: [
    { type: ApplicationCommandOptionType.Subcommand, name: 'add', description: 'Add a question and its answer' },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'edit',
      description: 'Edit an entry',
      options: [entryOption('The entry to edit')],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'remove',
      description: 'Remove an entry (can be undone)',
      options: [entryOption('The entry to remove')],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'history',
      description: "An entry's revisions; restore one",
      options: [entryOption('The entry')],
    },
    { type: ApplicationCommandOptionType.Subcommand, name: 'unanswered', description: 'Questions I could not answer, most asked first' },
    { type: ApplicationCommandOptionType.Subcommand, name: 'feedback', description: 'Entries people found least helpful' },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'stats',
      description: 'Questions asked in the last 7 and 30 days: answered, unsure, most asked, most helpful',
    },
    { type: ApplicationCommandOptionType.Subcommand, name: 'export', description: "This server's entries as a corpus file" },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'import',
      description: 'Import entries from a corpus file (shows a dry run first)',
      options: [
        { type: ApplicationCommandOptionType.Attachment, name: OPTION.file, description: 'A .yaml file from /faq export', required: true },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'settings',
      description: 'The curator role, and the channels where I answer new posts (leave all out to see them)',
      options: [
        {
          type: ApplicationCommandOptionType.Role,
          name: OPTION.curatorRole,
          description: 'A role whose members may curate, besides Manage Server',
        },
        {
          type: ApplicationCommandOptionType.Channel,
          name: OPTION.autoAnswer,
          description: 'A forum or text channel where I answer each new post or thread, when I am sure',
          channel_types: [ChannelType.GuildForum, ChannelType.GuildText],
        },
        {
          type: ApplicationCommandOptionType.Channel,
          name: OPTION.stopAutoAnswer,
          description: 'A channel where I should stop answering new posts',
          channel_types: [ChannelType.GuildForum, ChannelType.GuildText],
        },
        {
          type: ApplicationCommandOptionType.Integer,
          name: OPTION.confidence,
          description: `How sure I must be to answer a post, in percent (default ${AUTO_ANSWER_DEFAULT_PERCENT})`,
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
      return respondWithNote(interaction, "I don't know that `/faq` command. Try `/faq add`.");
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

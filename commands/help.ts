import { ApplicationCommandOptionType, type ChatInputCommandInteraction, PermissionFlagsBits } from 'discord.js';
import { type BotContext, type CommandModule, scopeOf } from '../src/discord/context.js';
import { isCurator } from '../src/discord/permissions.js';
import { EXAMPLE_QUESTIONS, NO_MENTIONS } from '../src/discord/render.js';
import { respond } from '../src/discord/reply.js';
import { ENGLISH, isEnglish, localized, type Translator, translatorFor } from '../src/i18n/index.js';

const definition = {
  name: 'help',
  description: ENGLISH('cmd.help.description'),
  ...localized('cmd.help.name', 'cmd.help.description'),
} satisfies CommandModule['definition'];

/** One line per command people can use, from the definitions, so a new command or subcommand shows up by itself. */
type Localized = {
  name: string;
  description?: string;
  name_localizations?: Record<string, string | null> | null;
  description_localizations?: Record<string, string | null> | null;
};
/** A command's or option's name and description as the reader's Discord shows them. */
const nameIn = (item: Localized, tr: Translator) => item.name_localizations?.[tr.locale] ?? item.name;
const descriptionIn = (item: Localized, tr: Translator) => item.description_localizations?.[tr.locale] ?? item.description ?? '';

function commandLines(context: BotContext, curator: boolean, tr: Translator): string[] {
  const forCurators = (definition: { default_member_permissions?: string | null }) =>
    definition.default_member_permissions === String(PermissionFlagsBits.ManageGuild);
  const lines: string[] = [];
  for (const { definition } of context.commands.slash.values()) {
    if (forCurators(definition) && !curator) continue;
    const subcommands = (definition.options ?? []).filter((option) => option.type === ApplicationCommandOptionType.Subcommand);
    const names = subcommands.map((option) => `\`${nameIn(option, tr)}\``).join(', ');
    lines.push(`• \`/${nameIn(definition, tr)}\`: ${descriptionIn(definition, tr)}${names ? ` (${names})` : ''}`);
  }
  for (const { definition } of context.commands.message.values()) {
    if (forCurators(definition) && !curator) continue;
    lines.push(`• ${tr('help.onMessage', { name: nameIn(definition, tr) })}`);
  }
  return lines;
}

async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const entries = context.engine.entries(scopeOf(interaction));
  const curated = entries.filter((entry) => entry.origin !== 'derived').length;
  const companies = context.engine.allCompanies().length;
  const tr = translatorFor(interaction);
  const description = [
    tr('help.intro'),
    ...(isEnglish(tr.locale) ? [] : [tr('help.inEnglish')]),
    '',
    tr('help.try'),
    ...EXAMPLE_QUESTIONS.map((question) => `• \`/ask\` ${question}`),
    '• `/stack` Netflix',
    '',
    tr('help.counts', { companies, answers: entries.length, curated }),
    tr('help.unsure'),
    '',
    tr('help.commands'),
    ...commandLines(context, isCurator(interaction, context), tr),
  ].join('\n');
  await respond(
    interaction,
    { embeds: [{ title: 'Stackwise', description }], components: [], allowedMentions: NO_MENTIONS },
    { ephemeral: true },
  );
}

export const help: CommandModule = { definition, execute };

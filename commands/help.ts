import { ApplicationCommandOptionType, type ChatInputCommandInteraction, PermissionFlagsBits } from 'discord.js';
import { type BotContext, type CommandModule, scopeOf } from '../src/discord/context.js';
import { isCurator } from '../src/discord/permissions.js';
import { EXAMPLE_QUESTIONS, NO_MENTIONS } from '../src/discord/render.js';
import { respond } from '../src/discord/reply.js';

const definition = {
  name: 'help',
  description: 'What Stackwise answers, with example questions',
} satisfies CommandModule['definition'];

/** One line per command people can use, from the definitions, so a new command or subcommand shows up by itself. */
function commandLines(context: BotContext, curator: boolean): string[] {
  const forCurators = (definition: { default_member_permissions?: string | null }) =>
    definition.default_member_permissions === String(PermissionFlagsBits.ManageGuild);
  const lines: string[] = [];
  for (const { definition } of context.commands.slash.values()) {
    if (forCurators(definition) && !curator) continue;
    const subcommands = (definition.options ?? []).filter((option) => option.type === ApplicationCommandOptionType.Subcommand);
    const names = subcommands.map((option) => `\`${option.name}\``).join(', ');
    lines.push(`• \`/${definition.name}\`: ${definition.description}${names ? ` (${names})` : ''}`);
  }
  for (const { definition } of context.commands.message.values()) {
    if (forCurators(definition) && !curator) continue;
    lines.push(`• "${definition.name}" on a message`);
  }
  return lines;
}

async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const entries = context.engine.entries(scopeOf(interaction));
  const curated = entries.filter((entry) => entry.origin !== 'derived').length;
  const companies = context.engine.allCompanies().length;
  const description = [
    'I answer questions about the technology companies use: languages, databases, clouds, frameworks and more.',
    '',
    '**Try:**',
    ...EXAMPLE_QUESTIONS.map((question) => `• \`/ask\` ${question}`),
    '• `/stack` Netflix',
    '',
    `I know ${companies} companies and ${entries.length} answers (${curated} written by people, the rest drawn from company facts).`,
    "When I'm not sure, I say so and offer the closest questions.",
    '',
    '**Commands:**',
    ...commandLines(context, isCurator(interaction, context)),
  ].join('\n');
  await respond(
    interaction,
    { embeds: [{ title: 'Stackwise', description }], components: [], allowedMentions: NO_MENTIONS },
    { ephemeral: true },
  );
}

export const help: CommandModule = { definition, execute };

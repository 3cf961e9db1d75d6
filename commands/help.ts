import type { ChatInputCommandInteraction } from 'discord.js';
import { type BotContext, type CommandModule, scopeOf } from '../src/discord/context.js';
import { isCurator } from '../src/discord/permissions.js';
import { EXAMPLE_QUESTIONS, NO_MENTIONS } from '../src/discord/render.js';
import { respond } from '../src/discord/reply.js';

const definition = {
  name: 'help',
  description: 'What Stackwise answers, with example questions',
} satisfies CommandModule['definition'];

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
    ...(interaction.guildId && isCurator(interaction, context)
      ? [
          '',
          '**Curators:** `/faq add`, `edit`, `remove`, `history`, `unanswered`, `feedback`, `export` and `import`, or "Add to FAQ" on a message.',
        ]
      : []),
  ].join('\n');
  await respond(
    interaction,
    { embeds: [{ title: 'Stackwise', description }], components: [], allowedMentions: NO_MENTIONS },
    { ephemeral: true },
  );
}

export const help: CommandModule = { definition, execute };

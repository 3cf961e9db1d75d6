import { ApplicationCommandOptionType, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { derivedEntryId } from '../src/corpus/derive.js';
import { answerMessage } from '../src/discord/answers.js';
import { type BotContext, type CommandModule, scopeOf } from '../src/discord/context.js';
import { DISCORD_LIMITS } from '../src/discord/limits.js';
import { respond, respondWithNote } from '../src/discord/reply.js';
import { foldText } from '../src/search/normalize.js';

const definition = {
  name: 'stack',
  description: "A company's tech stack, grouped by category",
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'company',
      description: 'Company',
      required: true,
      autocomplete: true,
      max_length: 100,
    },
  ],
} satisfies CommandModule['definition'];

async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const typed = interaction.options.getString('company', true);
  const wanted = foldText(typed.trim());
  const company = context.engine
    .allCompanies()
    .find((candidate) => [candidate.slug, candidate.name, ...candidate.aliases].some((name) => foldText(name) === wanted));
  const entry = company ? (context.engine.entry(derivedEntryId({ kind: 'stack', company: company.slug })) ?? undefined) : undefined;
  if (!company || !entry) {
    await respondWithNote(interaction, `I don't have a stack for "${typed.slice(0, 100)}". Pick a company from the list as you type.`);
    return;
  }
  const message = answerMessage(context, entry, scopeOf(interaction), { ephemeral: false });
  await respond(interaction, message, { ephemeral: false });
}

async function autocomplete(interaction: AutocompleteInteraction, context: BotContext): Promise<void> {
  const typed = foldText(interaction.options.getFocused().trim());
  const companies = context.engine
    .allCompanies()
    .filter((company) => !typed || [company.name, ...company.aliases].some((name) => foldText(name).includes(typed)))
    .sort((a, b) => a.name.localeCompare(b.name))
    .slice(0, DISCORD_LIMITS.autocompleteChoices);
  await interaction.respond(companies.map((company) => ({ name: company.name, value: company.name })));
}

export const stack: CommandModule = { definition, execute, autocomplete };

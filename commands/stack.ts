import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  InteractionContextType,
} from 'discord.js';
import { answerMessage } from '../src/discord/answers.js';
import { type BotContext, type CommandModule, scopeOf } from '../src/discord/context.js';
import { DISCORD_LIMITS } from '../src/discord/limits.js';
import { respond, respondWithNote } from '../src/discord/reply.js';
import { ENGLISH, localized, translatorFor } from '../src/i18n/index.js';

/** Option names, used by the definition and by the handlers, so the two cannot drift apart. */
const OPTION = { company: 'company' } as const;

const definition = {
  name: 'stack',
  description: ENGLISH('cmd.stack.description'),
  ...localized('cmd.stack.name', 'cmd.stack.description'),
  // Installable to a server and to a user's account; usable in servers, in DMs with the bot and in other DMs.
  integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel],
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: OPTION.company,
      description: ENGLISH('cmd.stack.company.description'),
      ...localized('cmd.stack.company.name', 'cmd.stack.company.description'),
      required: true,
      autocomplete: true,
      max_length: 100,
    },
  ],
} satisfies CommandModule['definition'];

/** How many known companies an unknown name is answered with. */
const CLOSEST_COMPANIES = 5;

async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const typed = interaction.options.getString(OPTION.company, true);
  const scope = scopeOf(interaction);
  const tr = translatorFor(interaction);
  const company = context.engine.findCompany(typed);
  const entry = company ? context.engine.stackEntry(company.slug, scope) : undefined;
  if (!entry) {
    const closest = context.engine.companiesMatching(typed.slice(0, 3), CLOSEST_COMPANIES).map((known) => known.name);
    const suggestion = closest.length ? tr('stack.knownCompanies', { companies: closest.join(', ') }) : tr('stack.pickFromList');
    await respondWithNote(interaction, `${tr('stack.noRecord', { name: typed.slice(0, 100) })} ${suggestion}`);
    return;
  }
  await respond(interaction, answerMessage(context, entry, scope, { tr, ephemeral: false }), { ephemeral: false });
}

async function autocomplete(interaction: AutocompleteInteraction, context: BotContext): Promise<void> {
  const companies = context.engine.companiesMatching(interaction.options.getFocused(), DISCORD_LIMITS.autocompleteChoices);
  await interaction.respond(companies.map((company) => ({ name: company.name, value: company.name })));
}

export const stack: CommandModule = { definition, execute, autocomplete };

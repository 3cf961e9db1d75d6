import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import type { Config } from '../config.js';
import type { BundleFiles } from '../corpus/bundle.js';
import type { CurationService } from '../curation/service.js';
import type { Logger } from '../logger.js';
import type { AnswerEngine } from '../search/engine.js';
import { NO_SERVER, type Scope } from '../search/visibility.js';
import type { Store } from '../store/index.js';
import type { ChartRenderer } from './charts/chart-renderer.js';
import type { Cooldown } from './cooldown.js';

/** What every handler gets: the engine, the store and the rest, passed explicitly. */
export interface BotContext {
  /** The live engine; it is replaced when the corpus files change, so read it per interaction. */
  engine: AnswerEngine;
  store: Store;
  curation: CurationService;
  /** Import and export files, parsed and written away from the event loop. */
  bundles: BundleFiles;
  logger: Logger;
  config: Config;
  askCooldown: Cooldown;
  /** Charts (/faq stats), drawn in a worker thread. */
  charts: ChartRenderer;
  /** Every command the bot answers, e.g. for /help to describe. */
  commands: CommandSet;
}

/** One slash command: its definition (data) and its handlers, one module per command in commands/. */
export interface CommandModule {
  definition: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, context: BotContext): Promise<void>;
}

/** A message context-menu command ("Apps" on a message), also one module in commands/. */
export interface MessageCommandModule {
  definition: RESTPostAPIContextMenuApplicationCommandsJSONBody;
  execute(interaction: MessageContextMenuCommandInteraction, context: BotContext): Promise<void>;
}

/** Every command the bot answers and registers: built in commands/index.ts, passed into the bot and the deploy step. */
export interface CommandSet {
  slash: ReadonlyMap<string, CommandModule>;
  message: ReadonlyMap<string, MessageCommandModule>;
  /** What is registered with Discord. */
  definitions: (RESTPostAPIChatInputApplicationCommandsJSONBody | RESTPostAPIContextMenuApplicationCommandsJSONBody)[];
}

/**
 * Where an interaction is answered from. A server is a scope only when it has added the bot: Discord then lists
 * it as the guild install in `authorizing_integration_owners`. A DM, a group DM, and a server that has not added
 * the bot (the command comes from the user's own install) share one scope, which sees the shipped corpus only,
 * and files its votes and unanswered questions apart from every server's.
 */
export function scopeOf(interaction: { guildId: string | null; authorizingIntegrationOwners?: { guildId: string | null } | null }): Scope {
  const installedIn = interaction.authorizingIntegrationOwners?.guildId;
  return interaction.guildId && installedIn === interaction.guildId ? { guildId: interaction.guildId } : NO_SERVER;
}

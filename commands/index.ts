import type { CommandModule, MessageCommandModule } from '../src/discord/context.js';
import { addToFaq } from './add-to-faq.js';
import { ask } from './ask.js';
import { faq } from './faq.js';
import { help } from './help.js';
import { stack } from './stack.js';

/** Every slash command, by name. */
export const COMMANDS: ReadonlyMap<string, CommandModule> = new Map(
  [ask, stack, help, faq].map((command) => [command.definition.name, command]),
);

/** Every message context-menu command ("Apps" on a message), by name. */
export const MESSAGE_COMMANDS: ReadonlyMap<string, MessageCommandModule> = new Map(
  [addToFaq].map((command) => [command.definition.name, command]),
);

/** What is registered with Discord. */
export const COMMAND_DEFINITIONS = [
  ...[...COMMANDS.values()].map((command) => command.definition),
  ...[...MESSAGE_COMMANDS.values()].map((command) => command.definition),
];

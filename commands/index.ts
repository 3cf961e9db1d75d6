import type { CommandModule, CommandSet, MessageCommandModule } from '../src/discord/context.js';
import { addToFaq } from './add-to-faq.js';
import { answerWithStackwise } from './answer-message.js';
import { ask } from './ask.js';
import { faq } from './faq.js';
import { help } from './help.js';
import { stack } from './stack.js';

const slash: ReadonlyMap<string, CommandModule> = new Map([ask, stack, help, faq].map((command) => [command.definition.name, command]));
const message: ReadonlyMap<string, MessageCommandModule> = new Map(
  [answerWithStackwise, addToFaq].map((command) => [command.definition.name, command]),
);

/** Every command: the slash commands, the message context-menu commands ("Apps" on a message), and what is registered. */
export const COMMANDS: CommandSet = {
  slash,
  message,
  definitions: [...[...slash.values()].map((command) => command.definition), ...[...message.values()].map((command) => command.definition)],
};

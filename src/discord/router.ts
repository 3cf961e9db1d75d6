import type { ButtonInteraction, Interaction, ModalSubmitInteraction } from 'discord.js';
import { translatorFor } from '../i18n/index.js';
import { handleSolvedButton } from './auto-answer.js';
import { handleButton } from './buttons.js';
import type { BotContext, CommandModule, MessageCommandModule } from './context.js';
import { handleCurationButton, handleCurationModal } from './curation/dispatch.js';
import { decodeCustomId, isAnswerButton } from './custom-id.js';
import { replyWithError } from './errors.js';
import { respondWithNote } from './reply.js';

/** Test seam: runs before each handler, e.g. to inject a failure. */
export interface InteractionHooks {
  beforeHandle?(interaction: Interaction): void | Promise<void>;
}

function describe(interaction: Interaction): string {
  if (interaction.isChatInputCommand()) return `command:${interaction.commandName}`;
  if (interaction.isAutocomplete()) return `autocomplete:${interaction.commandName}`;
  if (interaction.isButton()) return `button:${interaction.customId.split(':').slice(0, 2).join(':')}`;
  if (interaction.isModalSubmit()) return `modal:${interaction.customId.split(':').slice(0, 2).join(':')}`;
  if (interaction.isMessageContextMenuCommand()) return `message-command:${interaction.commandName}`;
  return `type:${interaction.type}`;
}

/**
 * Routes each interaction to its handler, turns any unexpected error into an ephemeral
 * "Something went wrong (ref …)", and logs one line per interaction with its latency.
 */
export function createInteractionHandler(
  context: BotContext,
  commands: ReadonlyMap<string, CommandModule>,
  messageCommands: ReadonlyMap<string, MessageCommandModule>,
  hooks: InteractionHooks = {},
): (interaction: Interaction) => Promise<void> {
  return async (interaction) => {
    const started = performance.now();
    const kind = describe(interaction);
    // Every line logged while handling this interaction carries its id, server and user.
    const logger = context.logger.child({ interactionId: interaction.id, guildId: interaction.guildId, userId: interaction.user.id });
    const scoped: BotContext = { ...context, logger };
    let status = 'ok';
    try {
      await hooks.beforeHandle?.(interaction);
      if (interaction.isChatInputCommand()) {
        const command = commands.get(interaction.commandName);
        if (command) await command.execute(interaction, scoped);
        else await respondWithNote(interaction, translatorFor(interaction)('router.unknownCommand'));
      } else if (interaction.isAutocomplete()) {
        const command = commands.get(interaction.commandName);
        await (command?.autocomplete ? command.autocomplete(interaction, scoped) : interaction.respond([]));
      } else if (interaction.isButton()) {
        await routeButton(interaction, scoped);
      } else if (interaction.isModalSubmit()) {
        await routeModal(interaction, scoped);
      } else if (interaction.isMessageContextMenuCommand()) {
        const command = messageCommands.get(interaction.commandName);
        if (command) await command.execute(interaction, scoped);
        else await respondWithNote(interaction, translatorFor(interaction)('router.unknownCommand'));
      } else {
        status = 'ignored';
      }
    } catch (error) {
      status = 'error';
      if (interaction.isAutocomplete()) {
        logger.error({ err: error }, 'autocomplete failed');
        await interaction.respond([]).catch(() => undefined);
      } else {
        await replyWithError(interaction, error, logger);
      }
    } finally {
      logger.info(
        {
          kind,
          status,
          ms: Math.round((performance.now() - started) * 10) / 10,
        },
        'interaction',
      );
    }
  };
}

/** Buttons: answer ones (related, post, votes) to their handler, curation ones to theirs. */
async function routeButton(interaction: ButtonInteraction, context: BotContext): Promise<void> {
  const id = decodeCustomId(interaction.customId);
  if (id && isAnswerButton(id)) return handleButton(interaction, context, id);
  if (id?.action === 'solved') return handleSolvedButton(interaction, context);
  if (id) return handleCurationButton(interaction, context, id);
  context.logger.warn({ customId: interaction.customId.slice(0, 100) }, 'refused a malformed or forged button');
  await respondWithNote(interaction, translatorFor(interaction)('router.forgedButton'));
}

async function routeModal(interaction: ModalSubmitInteraction, context: BotContext): Promise<void> {
  const id = decodeCustomId(interaction.customId);
  if (id && !isAnswerButton(id) && id.action !== 'solved') return handleCurationModal(interaction, context, id);
  context.logger.warn({ customId: interaction.customId.slice(0, 100) }, 'refused a malformed or forged modal');
  await respondWithNote(interaction, translatorFor(interaction)('router.forgedForm'));
}

import { type JSONEncodable, type Message, MessageFlags, type RepliableInteraction, type SendableChannels } from 'discord.js';
import { type MessagePayload, NO_MENTIONS, renderNote } from './render.js';

/**
 * Our embeds and components are built in Discord's API shape already. Handed over JSON-encodable, discord.js
 * sends them as they are, instead of copying every object to snake_case each key (lodash, per key, per reply).
 */
function asBuilt<T>(value: T): JSONEncodable<T> {
  return { toJSON: () => value };
}

/**
 * The one way handlers answer: mentions are always off, and the payload goes out as a reply,
 * an edit of a deferred reply, or a follow-up, whichever the interaction still allows.
 */
export async function respond(interaction: RepliableInteraction, payload: MessagePayload, options: { ephemeral: boolean }): Promise<void> {
  const flags = options.ephemeral ? MessageFlags.Ephemeral : undefined;
  const message = {
    ...payload,
    embeds: payload.embeds.map(asBuilt),
    components: payload.components.map(asBuilt),
    allowedMentions: NO_MENTIONS,
  };
  if (interaction.deferred && !interaction.replied) {
    await interaction.editReply(message);
  } else if (interaction.replied) {
    await interaction.followUp({ ...message, ...(flags ? { flags } : {}) });
  } else {
    await interaction.reply({ ...message, ...(flags ? { flags } : {}) });
  }
}

/** A short, polite note only the user sees. */
export async function respondWithNote(interaction: RepliableInteraction, text: string): Promise<void> {
  await respond(interaction, renderNote(text), { ephemeral: true });
}

/** A message the bot posts on its own (not answering an interaction), e.g. an auto-answer in a thread: mentions off. */
export async function postInChannel(channel: SendableChannels, payload: MessagePayload): Promise<Message> {
  return channel.send({
    ...(payload.content ? { content: payload.content } : {}),
    embeds: payload.embeds.map(asBuilt),
    components: payload.components.map(asBuilt),
    allowedMentions: NO_MENTIONS,
  });
}

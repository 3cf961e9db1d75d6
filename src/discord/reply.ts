import {
  type JSONEncodable,
  type Message,
  MessageFlags,
  type MessageMentionOptions,
  PermissionFlagsBits,
  type RepliableInteraction,
  type SendableChannels,
} from 'discord.js';
import { type MessagePayload, NO_MENTIONS, renderNote } from './render.js';

/**
 * Our embeds and components are built in Discord's API shape already. Handed over JSON-encodable, discord.js
 * sends them as they are, instead of copying every object to snake_case each key (lodash, per key, per reply).
 */
function asBuilt<T>(value: T): JSONEncodable<T> {
  return { toJSON: () => value };
}

export interface RespondOptions {
  ephemeral: boolean;
  /**
   * The one user this reply may notify, because the person who asked aimed it at them (`/ask for:`). Only on a
   * reply others see: an ephemeral one mentions nobody.
   */
  mentionUserId?: string;
}

/** Nothing may notify anyone, except the one user someone explicitly aimed a visible answer at. */
function allowedMentions(options: RespondOptions): MessageMentionOptions {
  return options.mentionUserId && !options.ephemeral ? { parse: [], users: [options.mentionUserId] } : NO_MENTIONS;
}

/**
 * The one way handlers answer: mentions are off unless aimed at one user, and the payload goes out as a reply,
 * an edit of a deferred reply, or a follow-up, whichever the interaction still allows.
 */
export async function respond(interaction: RepliableInteraction, payload: MessagePayload, options: RespondOptions): Promise<void> {
  const flags = options.ephemeral ? MessageFlags.Ephemeral : undefined;
  const message = {
    ...payload,
    embeds: payload.embeds.map(asBuilt),
    components: payload.components.map(asBuilt),
    allowedMentions: allowedMentions(options),
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

/** What the bot needs in a channel to post a reply there: see it, write, show embeds, and see the message it replies to. */
const REPLY_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory;

/**
 * Answers a message command with a reply to `target` in the channel (an interaction response cannot reference a
 * message), pinging no one, its author included. The interaction is acknowledged privately first, and that
 * "thinking" note removed once the reply is posted. False, with nothing sent, when the bot cannot post in the
 * channel: the caller answers through the interaction instead.
 */
export async function postReplyTo(interaction: RepliableInteraction, target: Message, payload: MessagePayload): Promise<boolean> {
  const channel = interaction.channel;
  if (!channel?.isSendable() || !interaction.appPermissions.has(REPLY_PERMISSIONS)) return false;
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  await channel.send({
    ...payload,
    embeds: payload.embeds.map(asBuilt),
    components: payload.components.map(asBuilt),
    allowedMentions: { ...NO_MENTIONS, repliedUser: false },
    reply: { messageReference: target.id, failIfNotExists: false },
  });
  await interaction.deleteReply();
  return true;
}

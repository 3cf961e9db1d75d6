import {
  type APIEmbed,
  type APIMessage,
  type APIMessageInteractionMetadata,
  type APIMessageReference,
  type APIUser,
  MessageFlags,
  MessageType,
} from 'discord-api-types/v10';
import type { UploadedFile } from './http.js';
import type { EmulatedUser } from './seeds.js';
import { snowflake } from './snowflake.js';
import type { EmulatorState } from './state.js';

interface AllowedMentions {
  parse?: ('users' | 'roles' | 'everyone')[];
  users?: string[];
  roles?: string[];
  replied_user?: boolean;
}

interface EmulatedAttachment {
  id: string;
  filename: string;
  size: number;
  url: string;
  proxy_url: string;
  content_type?: string;
  description?: string;
}

/** A message as Discord returns it, plus a few fields only the emulator keeps (see the end). */
export interface EmulatedMessage {
  id: string;
  channel_id: string;
  guild_id?: string;
  author: EmulatedUser;
  content: string;
  embeds: APIEmbed[];
  components: APIMessage['components'] & {};
  attachments: EmulatedAttachment[];
  flags: MessageFlags;
  type: MessageType;
  timestamp: string;
  edited_timestamp: string | null;
  application_id?: string;
  webhook_id?: string;
  mentions: APIUser[];
  mention_roles: string[];
  mention_everyone: boolean;
  pinned: boolean;
  tts: boolean;
  message_reference?: APIMessageReference;
  interaction_metadata?: APIMessageInteractionMetadata;
  /** Deprecated by Discord but still sent: the command a reply answers, named with its subcommand. */
  interaction?: { id: string; type: number; name: string; user: APIUser };
  /** Emulator only: who may see it. Unset: everyone in the channel; else only this user (ephemeral). */
  visibleTo?: string;
  /** Emulator only: allowed_mentions exactly as the bot last sent them. */
  allowed_mentions?: AllowedMentions;
  /** Emulator only: the uploaded bytes behind `attachments`. */
  files?: (UploadedFile & { attachmentId: string })[];
  /** Emulator only: the interaction this message answers, if any. */
  interactionId?: string;
}

export type MessageChange = 'message' | 'messageUpdate' | 'messageDelete';

/** Fields a create or edit body may set; the rest of a message belongs to Discord. */
const EDITABLE = ['content', 'embeds', 'components', 'tts', 'message_reference'] as const;
/** How a message's embed refers to one of its attachments. */
const ATTACHMENT_SCHEME = 'attachment://';

/** The message without the emulator's own fields: what REST and the gateway send. */
export function apiMessage(message: EmulatedMessage): APIMessage {
  const { visibleTo: _visibleTo, allowed_mentions: _allowed, files: _files, interactionId: _interaction, author, ...rest } = message;
  const { locale: _locale, ...user } = author;
  return { ...rest, author: user };
}

export function isEphemeral(flags: unknown): boolean {
  return (Number(flags ?? 0) & MessageFlags.Ephemeral) !== 0;
}

/**
 * Which mentions in the content would notify, under Discord's allowed_mentions rules: with no
 * allowed_mentions everything parses; otherwise only the listed kinds and ids do. A reply notifies the
 * author of the message it answers unless allowed_mentions is sent without `replied_user: true`.
 */
function effectiveMentions(message: EmulatedMessage, allowed: AllowedMentions | undefined, state: EmulatorState) {
  const content = message.content;
  const parse = new Set(allowed ? (allowed.parse ?? []) : ['users', 'roles', 'everyone']);
  const userIds = [...content.matchAll(/<@!?(\d{17,20})>/g)].map((match) => match[1]!);
  const repliedTo = message.message_reference?.message_id ? state.messages.get(message.message_reference.message_id) : undefined;
  const repliedUser = repliedTo && (!allowed || allowed.replied_user === true) ? [repliedTo.author.id] : [];
  const roleIds = [...content.matchAll(/<@&(\d{17,20})>/g)].map((match) => match[1]!);
  const users = [...new Set([...userIds.filter((id) => parse.has('users') || allowed?.users?.includes(id)), ...repliedUser])];
  const roles = [...new Set(roleIds)].filter((id) => parse.has('roles') || allowed?.roles?.includes(id));
  return {
    mention_everyone: parse.has('everyone') && /@(everyone|here)\b/.test(content),
    mentions: users.flatMap((id) => {
      const user = state.user(id);
      return user ? [state.userPayload(user)] : [];
    }),
    mention_roles: roles,
  };
}

/** Holds every message, applies create and edit bodies the way Discord does, and reports changes. */
export class MessageBook {
  constructor(
    private readonly state: EmulatorState,
    private readonly attachmentBase: () => string,
    private readonly notify: (change: MessageChange, message: EmulatedMessage) => void,
  ) {}

  get(id: string): EmulatedMessage | undefined {
    return this.state.messages.get(id);
  }

  /** Messages everyone in the channel sees, oldest first. */
  inChannel(channelId: string): EmulatedMessage[] {
    return [...this.state.messages.values()].filter((message) => message.channel_id === channelId && !message.visibleTo);
  }

  /** Ephemeral messages only this user sees, oldest first. */
  ephemeralFor(userId: string): EmulatedMessage[] {
    return [...this.state.messages.values()].filter((message) => message.visibleTo === userId);
  }

  create(
    base: Pick<EmulatedMessage, 'channel_id'> & Partial<EmulatedMessage>,
    body: Record<string, unknown> = {},
    files: UploadedFile[] = [],
  ): EmulatedMessage {
    const message: EmulatedMessage = {
      id: snowflake(),
      author: this.state.bot,
      content: '',
      embeds: [],
      components: [],
      attachments: [],
      flags: 0 as MessageFlags,
      type: MessageType.Default,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      ...base,
    };
    this.apply(message, body, files);
    this.state.messages.set(message.id, message);
    if (!message.visibleTo) {
      const channel = this.state.channel(message.channel_id)?.channel ?? this.state.dm(message.channel_id);
      if (channel) channel.last_message_id = message.id;
    }
    this.notify('message', message);
    return message;
  }

  edit(message: EmulatedMessage, body: Record<string, unknown>, files: UploadedFile[] = []): EmulatedMessage {
    this.apply(message, body, files);
    message.edited_timestamp = new Date().toISOString();
    this.notify('messageUpdate', message);
    return message;
  }

  /** Puts back messages saved from an earlier run (the sandbox's history), ids and all. */
  restore(messages: readonly EmulatedMessage[]): void {
    for (const message of messages) {
      const channel = this.state.channel(message.channel_id)?.channel ?? this.state.dm(message.channel_id);
      if (!channel) continue;
      this.state.messages.set(message.id, message);
      channel.last_message_id = message.id;
    }
  }

  /** Forgets every message (the sandbox's reset). */
  clear(): void {
    this.state.messages.clear();
  }

  delete(message: EmulatedMessage): void {
    this.state.messages.delete(message.id);
    this.notify('messageDelete', message);
  }

  private apply(message: EmulatedMessage, body: Record<string, unknown>, files: UploadedFile[]): void {
    const target = message as unknown as Record<string, unknown>;
    for (const field of EDITABLE) {
      if (field in body)
        target[field] = body[field] ?? (field === 'content' ? '' : field === 'tts' ? false : field === 'message_reference' ? null : []);
    }
    if (message.message_reference === null) delete message.message_reference;
    // Only the flags a sender may set; ephemeral and loading are decided by how the message is made.
    if ('flags' in body) {
      const settable = MessageFlags.SuppressEmbeds | MessageFlags.SuppressNotifications;
      message.flags = (message.flags & ~settable) | (Number(body.flags ?? 0) & settable);
    }
    if ('allowed_mentions' in body) message.allowed_mentions = (body.allowed_mentions ?? undefined) as AllowedMentions | undefined;
    if ('attachments' in body || files.length > 0) this.applyAttachments(message, body, files);
    resolveEmbedAttachments(message);
    Object.assign(message, effectiveMentions(message, message.allowed_mentions, this.state));
  }

  /**
   * `attachments` in a body lists what to keep (by id) and what to add: an id that is a file
   * index ("0", "1", ...) refers to files[n] of the multipart upload.
   */
  private applyAttachments(message: EmulatedMessage, body: Record<string, unknown>, files: UploadedFile[]): void {
    const listed = Array.isArray(body.attachments)
      ? (body.attachments as { id?: unknown; filename?: string; description?: string }[])
      : undefined;
    const keep = listed
      ? message.attachments.filter((existing) => listed.some((entry) => String(entry.id) === existing.id))
      : message.attachments;
    const added: EmulatedAttachment[] = [];
    const stored = (message.files ?? []).filter((file) => keep.some((attachment) => attachment.id === file.attachmentId));
    files.forEach((file, index) => {
      const entry = listed?.find((candidate) => String(candidate.id) === String(index));
      const attachmentId = snowflake();
      const filename = entry?.filename ?? file.filename;
      const url = `${this.attachmentBase()}/attachments/${message.channel_id}/${attachmentId}/${encodeURIComponent(filename)}`;
      added.push({
        id: attachmentId,
        filename,
        size: file.data.length,
        url,
        proxy_url: url,
        ...(file.contentType ? { content_type: file.contentType } : {}),
        ...(entry?.description ? { description: entry.description } : {}),
      });
      stored.push({ ...file, filename, attachmentId });
    });
    message.attachments = [...keep, ...added];
    message.files = stored;
  }

  /** The bytes of an uploaded attachment, for the emulator's /attachments/ URLs. */
  file(channelId: string, attachmentId: string): (UploadedFile & { attachmentId: string }) | undefined {
    const upload = this.state.uploads.get(attachmentId);
    if (upload?.channelId === channelId) return upload;
    for (const message of this.state.messages.values()) {
      if (message.channel_id !== channelId) continue;
      const file = message.files?.find((candidate) => candidate.attachmentId === attachmentId);
      if (file) return file;
    }
    return undefined;
  }
}

/**
 * As Discord does: an embed image or thumbnail given as `attachment://<filename>` shows that attachment of the
 * message, and the embed then carries the attachment's URL.
 */
function resolveEmbedAttachments(message: EmulatedMessage): void {
  for (const embed of message.embeds as Record<string, unknown>[]) {
    for (const key of ['image', 'thumbnail']) {
      const media = embed[key] as { url?: unknown } | undefined;
      if (typeof media?.url !== 'string' || !media.url.startsWith(ATTACHMENT_SCHEME)) continue;
      const filename = media.url.slice(ATTACHMENT_SCHEME.length);
      const attachment = message.attachments.find((candidate) => candidate.filename === filename);
      if (attachment) {
        embed[key] = {
          url: attachment.url,
          proxy_url: attachment.proxy_url,
          ...(attachment.content_type ? { content_type: attachment.content_type } : {}),
        };
      }
    }
  }
}

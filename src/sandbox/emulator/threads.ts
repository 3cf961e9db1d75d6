import { ChannelType, GatewayIntentBits, MessageType } from 'discord-api-types/v10';
import { httpErrors } from './errors.js';
import type { EmulatedMessage, MessageBook } from './messages.js';
import type { EmulatedGuild, EmulatedThread, EmulatedUser } from './seeds.js';
import { snowflake } from './snowflake.js';
import type { EmulatorState } from './state.js';

/** How long a new thread stays active without messages, in minutes (Discord's default: a day). */
const AUTO_ARCHIVE_MINUTES = 1440;

type Dispatch = (type: string, data: unknown, scope: { guildId: string; intent: number }) => number;

export interface NewThread {
  guild: EmulatedGuild;
  parentId: string;
  owner: EmulatedUser;
  name: string;
  /** A thread started from a message shares its id; a forum post's starter message does too. */
  id?: string;
}

/**
 * Threads as Discord makes them: a forum post (a thread whose starter message has the thread's id and
 * sits in the thread), a thread in a text channel (standalone, or started from a message, with its id).
 * Each new thread is dispatched as THREAD_CREATE with `newly_created`, to bots with the Guilds intent,
 * before any message in it.
 */
export class ThreadKeeper {
  constructor(
    private readonly state: EmulatorState,
    private readonly book: MessageBook,
    private readonly dispatch: Dispatch,
  ) {}

  /** A new post in a forum channel: the thread, then its starter message. */
  createForumPost(input: { channelId: string; author: EmulatedUser; title: string; body: Record<string, unknown> }): {
    thread: EmulatedThread;
    message: EmulatedMessage;
  } {
    const { guild, parent } = this.parent(input.channelId, ChannelType.GuildForum);
    const thread = this.create({ guild, parentId: parent.id, owner: input.author, name: input.title });
    const message = this.book.create(
      { id: thread.id, channel_id: thread.id, guild_id: guild.id, author: input.author, type: MessageType.Default },
      input.body,
    );
    this.countMessage(thread, message);
    return { thread, message };
  }

  /** A thread in a text channel: standalone, or started from one of its messages. */
  createTextThread(input: { channelId: string; owner: EmulatedUser; name: string; fromMessageId?: string }): EmulatedThread {
    const { guild, parent } = this.parent(input.channelId, ChannelType.GuildText);
    if (input.fromMessageId) {
      const message = this.book.get(input.fromMessageId);
      if (!message || message.channel_id !== parent.id || message.visibleTo) throw httpErrors.unknownMessage();
      if (this.state.thread(message.id)) throw httpErrors.threadAlreadyCreated();
    }
    return this.create({
      guild,
      parentId: parent.id,
      owner: input.owner,
      name: input.name,
      ...(input.fromMessageId ? { id: input.fromMessageId } : {}),
    });
  }

  /** A message posted in a thread keeps its counters as Discord does. */
  countMessage(thread: EmulatedThread, message: EmulatedMessage): void {
    thread.last_message_id = message.id;
    // The starter message of a forum post is not counted in message_count.
    if (message.id !== thread.id) thread.message_count += 1;
    thread.total_message_sent += 1;
  }

  /** Sends THREAD_CREATE for a thread again, as Discord can (a second delivery). */
  replayCreate(threadId: string): void {
    const found = this.state.thread(threadId);
    if (!found) throw new Error(`emulator: unknown thread ${threadId}`);
    this.dispatch('THREAD_CREATE', { ...found.thread, newly_created: true }, { guildId: found.guild.id, intent: GatewayIntentBits.Guilds });
  }

  /** Renames a thread (or archives it): THREAD_UPDATE. */
  update(threadId: string, change: { name?: string; archived?: boolean }): EmulatedThread {
    const found = this.state.thread(threadId);
    if (!found) throw new Error(`emulator: unknown thread ${threadId}`);
    if (change.name !== undefined) found.thread.name = change.name;
    if (change.archived !== undefined) {
      found.thread.thread_metadata.archived = change.archived;
      found.thread.thread_metadata.archive_timestamp = new Date().toISOString();
    }
    this.dispatch('THREAD_UPDATE', found.thread, { guildId: found.guild.id, intent: GatewayIntentBits.Guilds });
    return found.thread;
  }

  private parent(channelId: string, type: ChannelType) {
    const found = this.state.channel(channelId);
    if (!found) throw httpErrors.unknownChannel();
    if (found.channel.type !== type) throw httpErrors.wrongChannelType();
    return { guild: found.guild, parent: found.channel };
  }

  private create(input: NewThread): EmulatedThread {
    const now = new Date().toISOString();
    const thread: EmulatedThread = {
      id: input.id ?? snowflake(),
      type: ChannelType.PublicThread,
      guild_id: input.guild.id,
      parent_id: input.parentId,
      owner_id: input.owner.id,
      name: input.name,
      last_message_id: null,
      message_count: 0,
      member_count: 1,
      total_message_sent: 0,
      rate_limit_per_user: 0,
      flags: 0,
      applied_tags: [],
      thread_metadata: {
        archived: false,
        auto_archive_duration: AUTO_ARCHIVE_MINUTES,
        archive_timestamp: now,
        locked: false,
        create_timestamp: now,
      },
    };
    input.guild.threads.push(thread);
    this.dispatch('THREAD_CREATE', { ...thread, newly_created: true }, { guildId: input.guild.id, intent: GatewayIntentBits.Guilds });
    return thread;
  }
}

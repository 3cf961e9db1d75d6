import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayIntentBits } from 'discord-api-types/v10';
import { CommandRegistry } from './commands.js';
import { HEARTBEAT_INTERVAL_MS, INTERACTION_DEADLINE_MS, INTERACTION_TOKEN_TTL_MS, RESUME_WINDOW_MS } from './constants.js';
import { EmulatedGateway, type GatewayCounters, type GatewayEvent, RESUME_PATH, type SessionInfo } from './gateway.js';
import { sendJson } from './http.js';
import {
  type ActorInput,
  type AutocompleteInput,
  type ButtonInput,
  type CommandInput,
  InteractionFactory,
  type InteractionPayload,
  type MessageContextMenuInput,
  type ModalInput,
  type OptionValue,
  type PreparedInteraction,
  type UserContextMenuInput,
} from './interactions.js';
import { InteractionLedger, type InteractionRecord, type InteractionResponse } from './ledger.js';
import { apiMessage, type EmulatedMessage, MessageBook, type MessageChange } from './messages.js';
import { InteractionResponder, type InteractionResponseEvent } from './responses.js';
import { EmulatedRest } from './rest.js';
import type { EmulatedDmChannel, EmulatedGuild, EmulatedThread, EmulatedUser, GuildSeed } from './seeds.js';
import { type ApplicationCommand, EmulatorState } from './state.js';
import { ThreadKeeper } from './threads.js';

export { guildIdOnShard, snowflake, snowflakeTime } from './snowflake.js';
export type {
  ActorInput,
  ApplicationCommand,
  AutocompleteInput,
  ButtonInput,
  CommandInput,
  EmulatedDmChannel,
  EmulatedGuild,
  EmulatedMessage,
  EmulatedThread,
  EmulatedUser,
  GatewayCounters,
  InteractionRecord,
  MessageContextMenuInput,
  ModalInput,
  OptionValue,
  SessionInfo,
  UserContextMenuInput,
};

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. Only 127.0.0.1 is ever bound. */
  port?: number;
  applicationId?: string;
  /** The bot's username and its application's name. Default "Stackwise". */
  applicationName?: string;
  /** Default: "Stackwise Sandbox A" and "Stackwise Sandbox B". */
  guilds?: GuildSeed[];
  /** Discord allows 3 s for the first response; tests may shorten it. */
  interactionDeadlineMs?: number;
  /** How long follow-ups and edits may use an interaction token. Default 15 minutes. */
  interactionTokenTtlMs?: number;
  /** Sent in HELLO. Default 41 250 ms, as Discord does. */
  heartbeatIntervalMs?: number;
  /** How long a dropped session may be resumed. Default 5 minutes. */
  resumeWindowMs?: number;
  /** Privileged intents the app may IDENTIFY with (others close with 4014). Default none. */
  privilegedIntents?: number;
  /** The shard count GET /gateway/bot recommends. Default 1. */
  recommendedShards?: number;
  /** The fewest shards IDENTIFY may ask for (fewer close with 4011, Sharding required). Default 1. */
  requiredShards?: number;
  /** Called for each REST request no route matches (it also gets a Discord-like 404). */
  onUnknownRoute?: (method: string, path: string) => void;
}

/** An interaction sent to the bot, as a user's client would. */
export interface SentInteraction {
  id: string;
  token: string;
  /** performance.now() when it went to the gateway. */
  sentAt: number;
  /** The INTERACTION_CREATE payload. */
  payload: InteractionPayload;
  /** The first accepted callback; rejects if none comes by the deadline. */
  response: Promise<InteractionResponse>;
}

interface AutocompleteChoice {
  name: string;
  value: string | number;
}

export interface SentAutocomplete extends SentInteraction {
  /** The choices of the autocomplete result (callback type 8). */
  choices: Promise<AutocompleteChoice[]>;
}

export interface ReconnectOptions {
  /** 'reconnect' sends op 7 RECONNECT; 'close' closes the socket with `closeCode`. Default 'reconnect'. */
  via?: 'reconnect' | 'close';
  /** A resumable close code. Default 4000. */
  closeCode?: number;
}

export type EmulatorEvents = {
  message: [EmulatedMessage];
  messageUpdate: [EmulatedMessage];
  messageDelete: [EmulatedMessage];
  interactionCreate: [InteractionPayload];
  interactionResponse: [InteractionResponseEvent];
  /** The deadline passed without a response: Discord shows "This interaction failed". */
  interactionFailed: [{ interactionId: string; reason: string }];
  commandsUpdate: [{ guildId?: string; commands: ApplicationCommand[] }];
  gateway: [GatewayEvent];
  unknownRoute: [{ method: string; path: string }];
  internalError: [{ error: unknown; method: string; path: string }];
  /** Requests outside /api/ and /attachments/, for a page served on the same port. */
  httpRequest: [IncomingMessage, ServerResponse];
};

/** How long close() waits for the HTTP server before giving up. */
const CLOSE_TIMEOUT_MS = 2000;
/** Default bound for waitFor(). */
const WAIT_FOR_TIMEOUT_MS = 5000;

type Json = Record<string, unknown>;

/**
 * A local Discord: the REST API and the gateway WebSocket on 127.0.0.1, enough for the real
 * discord.js client. Tests and the sandbox act as users through it.
 */
export class DiscordEmulator extends EventEmitter<EmulatorEvents> {
  readonly state: EmulatorState;
  /** REST requests no route matched, in order. */
  readonly unknownRoutes: { method: string; path: string }[] = [];
  private readonly ledger: InteractionLedger;
  private readonly interactions: InteractionFactory;
  private readonly book: MessageBook;
  private readonly threads: ThreadKeeper;
  private readonly gateway: EmulatedGateway;
  private readonly server: Server;
  private port = 0;
  private closing?: Promise<void>;

  private constructor(options: EmulatorOptions) {
    super();
    this.state = new EmulatorState({
      ...(options.applicationId ? { applicationId: options.applicationId } : {}),
      ...(options.applicationName ? { applicationName: options.applicationName } : {}),
      ...(options.guilds ? { guilds: options.guilds } : {}),
    });
    this.ledger = new InteractionLedger(
      options.interactionDeadlineMs ?? INTERACTION_DEADLINE_MS,
      options.interactionTokenTtlMs ?? INTERACTION_TOKEN_TTL_MS,
      (record) => this.emit('interactionFailed', { interactionId: record.id, reason: 'no response within the deadline' }),
    );
    this.interactions = new InteractionFactory(this.state, this.ledger, () => this.origin);
    this.book = new MessageBook(
      this.state,
      () => this.origin,
      (change, message) => this.messageChanged(change, message),
    );
    const commands = new CommandRegistry(this.state, (guildId, list) =>
      this.emit('commandsUpdate', { ...(guildId ? { guildId } : {}), commands: list }),
    );
    this.threads = new ThreadKeeper(this.state, this.book, (type, data, scope) => this.gateway.dispatch(type, data, scope));
    const responder = new InteractionResponder(this.state, this.ledger, this.book, (event) => this.emit('interactionResponse', event));
    const rest = new EmulatedRest({
      state: this.state,
      commands,
      book: this.book,
      threads: this.threads,
      responder,
      gatewayUrl: () => this.gatewayUrl,
      recommendedShards: options.recommendedShards ?? 1,
      onRequest: () => undefined,
      onUnknownRoute: (method, path) => {
        this.unknownRoutes.push({ method, path });
        options.onUnknownRoute?.(method, path);
        this.emit('unknownRoute', { method, path });
      },
      onInternalError: (error, method, path) => this.emit('internalError', { error, method, path }),
    });
    this.server = createServer((request, response) => {
      const path = request.url ?? '/';
      if (path.startsWith('/api/')) void rest.handle(request, response);
      else if (path.startsWith('/attachments/')) this.serveAttachment(path, response);
      else if (this.listenerCount('httpRequest') > 0) this.emit('httpRequest', request, response);
      else sendJson(response, 404, { message: '404: Not Found', code: 0 });
    });
    this.gateway = new EmulatedGateway(
      this.server,
      this.state,
      {
        heartbeatIntervalMs: options.heartbeatIntervalMs ?? HEARTBEAT_INTERVAL_MS,
        resumeWindowMs: options.resumeWindowMs ?? RESUME_WINDOW_MS,
        privilegedIntents: options.privilegedIntents ?? 0,
        requiredShards: options.requiredShards ?? 1,
      },
      { gateway: () => this.gatewayUrl, resume: () => this.resumeGatewayUrl },
      (event) => this.emit('gateway', event),
    );
  }

  static async start(options: EmulatorOptions = {}): Promise<DiscordEmulator> {
    const emulator = new DiscordEmulator(options);
    await new Promise<void>((resolve, reject) => {
      emulator.server.once('error', reject);
      emulator.server.listen(options.port ?? 0, '127.0.0.1', () => {
        emulator.server.off('error', reject);
        resolve();
      });
    });
    emulator.port = (emulator.server.address() as AddressInfo).port;
    return emulator;
  }

  private get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Pass to discord.js: new Client({ rest: { api: emulator.apiBase } }). */
  get apiBase(): string {
    return `${this.origin}/api`;
  }

  /** What GET /gateway/bot answers. */
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** READY's resume_gateway_url: same server, its own path so resumes can be told apart. */
  get resumeGatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}${RESUME_PATH}`;
  }

  get httpPort(): number {
    return this.port;
  }

  /** The only token REST (401 otherwise) and the gateway (close 4004 otherwise) accept. */
  get token(): string {
    return this.state.token;
  }

  get applicationId(): string {
    return this.state.applicationId;
  }

  get bot(): EmulatedUser {
    return this.state.bot;
  }

  get guilds(): readonly EmulatedGuild[] {
    return this.state.guilds;
  }

  guild(guildId: string): EmulatedGuild | undefined {
    return this.state.guild(guildId);
  }

  /** Commands registered through REST: a guild's, or the global ones without a guild id. */
  commands(guildId?: string): ApplicationCommand[] {
    return this.state.commands.get(guildId ?? '') ?? [];
  }

  // ---- Acting as users -------------------------------------------------------------------

  /** A slash command. The legacy form (actor, name, options) is kept for existing callers. */
  sendCommand(input: CommandInput): SentInteraction;
  sendCommand(actor: ActorInput, name: string, options?: Record<string, OptionValue>): SentInteraction;
  sendCommand(input: CommandInput | ActorInput, name?: string, options?: Record<string, OptionValue>): SentInteraction {
    const command: CommandInput = typeof name === 'string' ? { ...input, name, ...(options ? { options } : {}) } : (input as CommandInput);
    return this.send(this.interactions.command(command));
  }

  /** An autocomplete request while typing option `focused`; `choices` resolves with the bot's answer. */
  sendAutocomplete(input: AutocompleteInput): SentAutocomplete;
  sendAutocomplete(actor: ActorInput, name: string, focused: string, value: string, others?: Record<string, OptionValue>): SentAutocomplete;
  sendAutocomplete(
    input: AutocompleteInput | ActorInput,
    name?: string,
    focused?: string,
    value?: string,
    others?: Record<string, OptionValue>,
  ): SentAutocomplete {
    const request: AutocompleteInput =
      typeof name === 'string'
        ? { ...input, name, focused: focused!, value: value ?? '', ...(others ? { options: others } : {}) }
        : (input as AutocompleteInput);
    const sent = this.send(this.interactions.autocomplete(request));
    const choices = sent.response.then((response) => (response.data.choices ?? []) as AutocompleteChoice[]);
    choices.catch(() => undefined);
    return { ...sent, choices };
  }

  /** A click on a button of a message the user can see (a channel message, or their ephemeral one). */
  clickButton(input: ButtonInput): SentInteraction;
  clickButton(actor: ActorInput, message: EmulatedMessage, customId: string): SentInteraction;
  clickButton(input: ButtonInput | ActorInput, message?: EmulatedMessage, customId?: string): SentInteraction {
    const click: ButtonInput = message ? { messageId: message.id, customId: customId!, userId: input.userId } : (input as ButtonInput);
    return this.send(this.interactions.button(click));
  }

  /** Submits a modal; if the bot showed it to this user, the submission mirrors it. */
  submitModal(input: ModalInput): SentInteraction;
  submitModal(actor: ActorInput, customId: string, fields: Record<string, string>): SentInteraction;
  submitModal(input: ModalInput | ActorInput, customId?: string, fields?: Record<string, string>): SentInteraction {
    const submission: ModalInput =
      typeof customId === 'string' ? { ...(input as ActorInput), customId, fields: fields ?? {} } : (input as ModalInput);
    return this.send(this.interactions.modalSubmit(submission));
  }

  /** A MESSAGE context-menu command ("Apps" on a message). */
  sendMessageContextMenu(input: MessageContextMenuInput): SentInteraction {
    return this.send(this.interactions.messageContextMenu(input));
  }

  /** A USER context-menu command ("Apps" on a member). */
  sendUserContextMenu(input: UserContextMenuInput): SentInteraction {
    return this.send(this.interactions.userContextMenu(input));
  }

  /**
   * A user posting in a channel (e.g. a target for a message context menu): a guild channel, or a DM they are in.
   * `embeds` stand for what a link preview or another bot would put there.
   */
  postUserMessage(input: { channelId: string; userId: string; content: string; embeds?: Record<string, unknown>[] }): EmulatedMessage {
    const body = { content: input.content, ...(input.embeds ? { embeds: input.embeds } : {}) };
    const dm = this.state.dm(input.channelId);
    if (dm) {
      const author = dm.recipients.find((candidate) => candidate.id === input.userId);
      if (!author) throw new Error(`emulator: user ${input.userId} is not in DM ${dm.id}`);
      return this.book.create({ channel_id: dm.id, author }, body);
    }
    const found = this.state.channel(input.channelId);
    if (!found) throw new Error(`emulator: unknown channel ${input.channelId}`);
    const member = found.guild.members.find((candidate) => candidate.user.id === input.userId);
    if (!member) throw new Error(`emulator: user ${input.userId} is not a member of ${found.guild.name}`);
    return this.book.create({ channel_id: input.channelId, guild_id: found.guild.id, author: member.user }, body);
  }

  /**
   * The DM channel between a user and the bot (one id), or between two users (two ids: a private channel, where
   * the app is reachable only through a user install). Made on first use (with `id` if given, e.g. a fixed one
   * so a kept history finds it again); the same channel afterwards.
   */
  dmChannel(userId: string, otherUserId: string = this.state.bot.id, id?: string): EmulatedDmChannel {
    return this.state.dmChannel([userId, otherUserId], id);
  }

  /** Every DM channel made so far. */
  get dmChannels(): EmulatedDmChannel[] {
    return [...this.state.dmChannels.values()];
  }

  /** The user adds the app to their account (a user install): its user-installable commands follow them everywhere. */
  installForUser(userId: string): void {
    if (!this.state.user(userId)) throw new Error(`emulator: unknown user ${userId}`);
    this.state.userInstalls.add(userId);
  }

  /** The user removes the app from their account. */
  uninstallForUser(userId: string): void {
    this.state.userInstalls.delete(userId);
  }

  /**
   * A user creating a post in a forum channel: THREAD_CREATE (newly_created), then the starter message
   * (MESSAGE_CREATE, its id the thread's, its content only for bots with the Message Content intent).
   */
  createForumPost(input: { channelId: string; userId: string; title: string; content: string }): {
    thread: EmulatedThread;
    message: EmulatedMessage;
  } {
    return this.threads.createForumPost({
      channelId: input.channelId,
      author: this.memberOf(input.channelId, input.userId),
      title: input.title,
      body: { content: input.content },
    });
  }

  /** A user creating a thread in a text channel, standalone or from one of its messages (the thread takes its id). */
  createThread(input: { channelId: string; userId: string; name: string; messageId?: string }): EmulatedThread {
    return this.threads.createTextThread({
      channelId: input.channelId,
      owner: this.memberOf(input.channelId, input.userId),
      name: input.name,
      ...(input.messageId ? { fromMessageId: input.messageId } : {}),
    });
  }

  /** Active threads, oldest first: all of them, or those of one parent channel. */
  threadsOf(parentId?: string): EmulatedThread[] {
    return this.state.guilds.flatMap((guild) => guild.threads).filter((thread) => !parentId || thread.parent_id === parentId);
  }

  /** Sends THREAD_CREATE for an existing thread again, as Discord may deliver an event twice. */
  replayThreadCreate(threadId: string): void {
    this.threads.replayCreate(threadId);
  }

  /** Renames or archives a thread: THREAD_UPDATE. */
  updateThread(threadId: string, change: { name?: string; archived?: boolean }): EmulatedThread {
    return this.threads.update(threadId, change);
  }

  private memberOf(channelId: string, userId: string): EmulatedUser {
    const found = this.state.channel(channelId);
    if (!found) throw new Error(`emulator: unknown channel ${channelId}`);
    const member = found.guild.members.find((candidate) => candidate.user.id === userId);
    if (!member) throw new Error(`emulator: user ${userId} is not a member of ${found.guild.name}`);
    return member.user;
  }

  private send(prepared: PreparedInteraction): SentInteraction {
    const { record, payload, response } = prepared;
    const sentAt = performance.now();
    this.emit('interactionCreate', payload);
    // To one session only, of the shard that owns the guild (shard 0 for a DM), as Discord does.
    const delivered = this.gateway.dispatchOnce('INTERACTION_CREATE', payload, record.guildId ? { guildId: record.guildId } : {});
    if (delivered === 0) this.ledger.fail(record, 'no bot session is connected to the gateway');
    return { id: record.id, token: record.token, sentAt, payload, response };
  }

  // ---- What users see ----------------------------------------------------------------------

  /** Messages everyone in the channel sees (bot posts, non-ephemeral replies), oldest first. */
  messages(channelId: string): EmulatedMessage[] {
    return this.book.inChannel(channelId);
  }

  /** Ephemeral messages shown to this user, oldest first. */
  ephemeralMessages(userId: string): EmulatedMessage[] {
    return this.book.ephemeralFor(userId);
  }

  message(id: string): EmulatedMessage | undefined {
    return this.book.get(id);
  }

  /** Messages saved from an earlier run put back in their channels; messages of unknown channels are left out. */
  restoreMessages(messages: readonly EmulatedMessage[]): void {
    this.book.restore(messages);
  }

  /** Forgets every message, and every thread (the sandbox's reset). */
  clearMessages(): void {
    this.book.clear();
    for (const guild of this.state.guilds) guild.threads.length = 0;
  }

  /** "Dismiss message" on an ephemeral message: gone for the one user who sees it; false if it is not theirs. */
  dismissEphemeral(messageId: string, userId: string): boolean {
    const message = this.book.get(messageId);
    if (message?.visibleTo !== userId) return false;
    this.book.delete(message);
    return true;
  }

  /** The message an interaction's response created or updated (its webhook @original). */
  originalMessage(interactionId: string): EmulatedMessage | undefined {
    const id = this.ledger.record(interactionId)?.originalMessageId;
    return id ? this.book.get(id) : undefined;
  }

  /** An interaction's record: its first response, refused callbacks, whether it expired. */
  interaction(interactionId: string): InteractionRecord | undefined {
    return this.ledger.record(interactionId);
  }

  /** The next `event` whose first argument passes `predicate`; rejects after `timeoutMs`. */
  waitFor<K extends keyof EmulatorEvents>(
    event: K,
    predicate: (value: EmulatorEvents[K][0]) => boolean = () => true,
    timeoutMs: number = WAIT_FOR_TIMEOUT_MS,
  ): Promise<EmulatorEvents[K][0]> {
    return new Promise((resolve, reject) => {
      const listener = (...args: EmulatorEvents[K]) => {
        if (!predicate(args[0])) return;
        cleanup();
        resolve(args[0]);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`emulator: no matching "${String(event)}" within ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.off(event, listener as never);
      };
      this.on(event, listener as never);
    });
  }

  // ---- The gateway -------------------------------------------------------------------------

  /** Makes connected clients reconnect and resume. Returns how many were asked. */
  forceReconnect(options: ReconnectOptions = {}): number {
    return this.gateway.forceReconnect(options.via ?? 'reconnect', options.closeCode);
  }

  /** Same as forceReconnect() with op 7. */
  requestReconnect(): void {
    this.forceReconnect();
  }

  /** Sends op 9 INVALID_SESSION: resumable makes the client RESUME, else it IDENTIFYs anew. */
  invalidateSessions(options: { resumable?: boolean } = {}): number {
    return this.gateway.invalidateSessions(options.resumable ?? false);
  }

  get sessions(): SessionInfo[] {
    return this.gateway.sessionInfo();
  }

  /** Gateway counts: connections, identify, resume, resumed, heartbeat, ... */
  get counters(): Readonly<GatewayCounters> {
    return this.gateway.counters;
  }

  /** Same as counters. */
  get gatewayCounts(): Readonly<GatewayCounters> {
    return this.gateway.counters;
  }

  get connectedClients(): number {
    return this.gateway.connectedClients;
  }

  /** Closes the gateway and HTTP servers and ends every wait. Bounded; safe to call twice. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.ledger.close();
      this.gateway.close();
      this.server.closeAllConnections();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, CLOSE_TIMEOUT_MS);
        timer.unref();
        this.server.close(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    })();
    return this.closing;
  }

  // ---- Internals ---------------------------------------------------------------------------

  /** Reports a message change, and sends it to bots with the GUILD_MESSAGES intent as Discord does. */
  private messageChanged(change: MessageChange, message: EmulatedMessage): void {
    this.emit(change, message);
    if (message.visibleTo || !message.guild_id) return;
    const thread = change === 'message' ? this.state.thread(message.channel_id)?.thread : undefined;
    if (thread && message.id !== thread.id) this.threads.countMessage(thread, message);
    const scope = { guildId: message.guild_id, intent: GatewayIntentBits.GuildMessages };
    if (change === 'messageDelete') {
      this.gateway.dispatch('MESSAGE_DELETE', { id: message.id, channel_id: message.channel_id, guild_id: message.guild_id }, scope);
      return;
    }
    const type = change === 'message' ? 'MESSAGE_CREATE' : 'MESSAGE_UPDATE';
    this.gateway.dispatch(
      type,
      (intents: number) => {
        const payload: Json = { ...apiMessage(message), guild_id: message.guild_id };
        // Without MESSAGE_CONTENT, a bot sees the content of its own messages only.
        if (message.author.id !== this.state.bot.id && !(intents & GatewayIntentBits.MessageContent)) {
          Object.assign(payload, { content: '', embeds: [], components: [], attachments: [] });
        }
        return payload;
      },
      scope,
    );
  }

  private serveAttachment(path: string, response: ServerResponse): void {
    const [, , channelId, attachmentId] = path.split('?')[0]!.split('/');
    const file = channelId && attachmentId ? this.book.file(channelId, attachmentId) : undefined;
    if (!file) return sendJson(response, 404, { message: '404: Not Found', code: 0 });
    response.writeHead(200, { 'content-type': file.contentType ?? 'application/octet-stream', 'content-length': file.data.length });
    response.end(file.data);
  }
}

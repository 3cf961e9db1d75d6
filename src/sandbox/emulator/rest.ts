import type { IncomingMessage, ServerResponse } from 'node:http';
import { type APIMessage, ChannelType, MessageType, PermissionFlagsBits, RESTJSONErrorCodes } from 'discord-api-types/v10';
import type { CommandRegistry } from './commands.js';
import { Limit } from './constants.js';
import { DiscordHttpError, httpErrors } from './errors.js';
import type { UploadedFile } from './http.js';
import { readBody, sendJson } from './http.js';
import { apiMessage, type MessageBook } from './messages.js';
import type { InteractionResponder } from './responses.js';
import type { EmulatedChannel, EmulatedDmChannel, EmulatedGuild, EmulatedThread } from './seeds.js';
import { compareSnowflakes } from './snowflake.js';
import type { EmulatorState } from './state.js';
import type { ThreadKeeper } from './threads.js';
import { validateMessageBody } from './validate.js';

type Json = Record<string, unknown>;

interface RouteContext {
  params: Record<string, string>;
  /** The JSON body (or multipart payload_json); {} when there is none or it is not an object. */
  body: Json;
  /** The same body as parsed, for routes that take an array. */
  raw: unknown;
  files: UploadedFile[];
  query: URLSearchParams;
}

interface Route {
  method: string;
  /** e.g. '/channels/:channel/messages'; also the rate-limit bucket name. */
  template: string;
  pattern: RegExp;
  names: string[];
  /** Interaction callbacks and webhooks authenticate by their token, not the bot's. */
  auth: boolean;
  handle: (context: RouteContext) => unknown;
}

export interface RestDependencies {
  state: EmulatorState;
  commands: CommandRegistry;
  book: MessageBook;
  threads: ThreadKeeper;
  responder: InteractionResponder;
  gatewayUrl: () => string;
  /** The shard count GET /gateway/bot recommends. */
  recommendedShards: number;
  onUnknownRoute: (method: string, path: string) => void;
  onInternalError: (error: unknown, method: string, path: string) => void;
  onRequest: (method: string, path: string) => void;
}

const API_PREFIX = /^\/api(?:\/v(\d+))?(?=\/)/;

/** The REST API subset discord.js uses, under /api/v10 (and v9). */
export class EmulatedRest {
  private readonly routes: Route[] = [];

  constructor(private readonly deps: RestDependencies) {
    const { state, commands, book, responder } = deps;
    const app = (params: Record<string, string>) => {
      if (params.app !== state.applicationId) throw httpErrors.unknownApplication();
    };

    this.add('GET', '/gateway', false, () => ({ url: deps.gatewayUrl() }));
    this.add('GET', '/gateway/bot', true, () => ({
      url: deps.gatewayUrl(),
      shards: deps.recommendedShards,
      session_start_limit: { total: 1000, remaining: 1000, reset_after: 86_400_000, max_concurrency: 1 },
    }));
    this.add('GET', '/users/@me', true, () => state.userPayload(state.bot));
    this.add('GET', '/users/:user', true, ({ params }) => {
      const user = state.user(params.user!);
      if (!user) throw httpErrors.unknownUser();
      return state.userPayload(user);
    });
    this.add('GET', '/applications/@me', true, () => this.application());
    this.add('GET', '/oauth2/applications/@me', true, () => this.application());

    for (const [prefix, scope] of [
      ['/applications/:app/commands', () => ''],
      ['/applications/:app/guilds/:guild/commands', (params: Record<string, string>) => params.guild!],
    ] as const) {
      this.add('GET', prefix, true, ({ params }) => {
        app(params);
        return commands.list(scope(params));
      });
      this.add('PUT', prefix, true, ({ params, raw }) => {
        app(params);
        return commands.overwrite(scope(params), raw);
      });
      this.add('POST', prefix, true, ({ params, body }) => {
        app(params);
        return commands.upsert(scope(params), body);
      });
      this.add('GET', `${prefix}/:command`, true, ({ params }) => {
        app(params);
        return commands.get(scope(params), params.command!);
      });
      this.add('PATCH', `${prefix}/:command`, true, ({ params, body }) => {
        app(params);
        return commands.edit(scope(params), params.command!, body);
      });
      this.add('DELETE', `${prefix}/:command`, true, ({ params }) => {
        app(params);
        return commands.remove(scope(params), params.command!);
      });
    }

    this.add('POST', '/interactions/:interaction/:token/callback', false, ({ params, body, files, query }) =>
      responder.callback(params.interaction!, params.token!, body, files, query.get('with_response') === 'true'),
    );
    this.add('POST', '/webhooks/:app/:token', false, ({ params, body, files }) =>
      responder.followUp(params.app!, params.token!, body, files),
    );
    this.add('GET', '/webhooks/:app/:token/messages/:message', false, ({ params }) =>
      responder.webhookMessage(params.app!, params.token!, params.message!),
    );
    this.add('PATCH', '/webhooks/:app/:token/messages/:message', false, ({ params, body, files }) =>
      responder.editWebhookMessage(params.app!, params.token!, params.message!, body, files),
    );
    this.add('DELETE', '/webhooks/:app/:token/messages/:message', false, ({ params }) =>
      responder.deleteWebhookMessage(params.app!, params.token!, params.message!),
    );

    this.add('GET', '/channels/:channel', true, ({ params }) => {
      const { channel, dm } = this.channel(params.channel!);
      return dm ? state.dmPayload(dm, state.bot.id) : channel;
    });
    this.add('POST', '/channels/:channel/typing', true, ({ params }) => {
      this.channel(params.channel!);
      return undefined;
    });
    this.add('GET', '/channels/:channel/messages', true, ({ params, query }) => this.listMessages(params.channel!, query));
    this.add('POST', '/channels/:channel/messages', true, ({ params, body, files }) => this.postMessage(params.channel!, body, files));
    this.add('GET', '/channels/:channel/messages/:message', true, ({ params }) =>
      apiMessage(this.channelMessage(params.channel!, params.message!)),
    );
    this.add('PATCH', '/channels/:channel/messages/:message', true, ({ params, body, files }) => {
      const message = this.channelMessage(params.channel!, params.message!);
      if (message.author.id !== state.bot.id) throw httpErrors.cannotEditOthersMessage();
      validateMessageBody(body, { creating: false });
      return apiMessage(book.edit(message, body, files));
    });
    this.add('DELETE', '/channels/:channel/messages/:message', true, ({ params }) => {
      const message = this.channelMessage(params.channel!, params.message!);
      if (message.author.id !== state.bot.id) this.requirePermission(params.channel!, PermissionFlagsBits.ManageMessages);
      book.delete(message);
      return undefined;
    });

    // Threads: a forum post (name + message), a standalone thread in a text channel, or one from a message.
    this.add('POST', '/channels/:channel/threads', true, ({ params, body }) => {
      const { channel } = this.channel(params.channel!);
      this.requirePermission(params.channel!, PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages);
      const name = this.threadName(body);
      if (channel.type === ChannelType.GuildForum) {
        const message = (body.message ?? {}) as Json;
        validateMessageBody(message, { creating: true });
        const post = deps.threads.createForumPost({ channelId: channel.id, author: state.bot, title: name, body: message });
        return { ...post.thread, message: apiMessage(post.message) };
      }
      return deps.threads.createTextThread({ channelId: channel.id, owner: state.bot, name });
    });
    this.add('POST', '/channels/:channel/messages/:message/threads', true, ({ params, body }) => {
      this.requirePermission(params.channel!, PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages);
      return deps.threads.createTextThread({
        channelId: params.channel!,
        owner: state.bot,
        name: this.threadName(body),
        fromMessageId: params.message!,
      });
    });

    this.add('GET', '/guilds/:guild', true, ({ params }) => state.guildPayload(this.guild(params.guild!)));
    this.add('GET', '/guilds/:guild/channels', true, ({ params }) => this.guild(params.guild!).channels);
    this.add('GET', '/guilds/:guild/roles', true, ({ params }) => this.guild(params.guild!).roles);
    this.add('GET', '/guilds/:guild/members', true, ({ params }) =>
      this.guild(params.guild!).members.map((member) => state.memberPayload(member)),
    );
    this.add('GET', '/guilds/:guild/members/:user', true, ({ params }) => {
      const member = this.guild(params.guild!).members.find((candidate) => candidate.user.id === params.user);
      if (!member) throw httpErrors.unknownMember();
      return state.memberPayload(member);
    });
  }

  private add(method: string, template: string, auth: boolean, handle: Route['handle']): void {
    const names: string[] = [];
    const source = template.replace(/:(\w+)/g, (_match, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    this.routes.push({ method, template, pattern: new RegExp(`^${source}$`), names, auth, handle });
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    // Paths arrive percent-encoded (%40original); each segment is decoded once.
    const path = url.pathname.replace(API_PREFIX, '').split('/').map(safeDecode).join('/');
    this.deps.onRequest(method, path);
    let bucket = 'unknown';
    try {
      const matching = this.routes.filter((route) => route.pattern.test(path));
      const route = matching.find((candidate) => candidate.method === method);
      if (!route) {
        this.deps.onUnknownRoute(method, path);
        throw matching.length ? httpErrors.methodNotAllowed() : httpErrors.notFound();
      }
      bucket = `${method}:${route.template}`;
      if (route.auth && request.headers.authorization !== `Bot ${this.deps.state.token}`) throw httpErrors.unauthorized();
      const params = Object.fromEntries(route.names.map((name, index) => [name, route.pattern.exec(path)![index + 1]!]));
      const { json, files } = ['POST', 'PUT', 'PATCH'].includes(method) ? await readBody(request) : { json: undefined, files: [] };
      const body = json && typeof json === 'object' && !Array.isArray(json) ? (json as Json) : {};
      const result = route.handle({ params, body, raw: json, files, query: url.searchParams });
      if (result === undefined) sendJson(response, 204, undefined, bucket);
      else sendJson(response, 200, result, bucket);
    } catch (error) {
      if (error instanceof DiscordHttpError) {
        sendJson(response, error.status, error.body, bucket);
      } else {
        this.deps.onInternalError(error, method, path);
        sendJson(response, 500, { message: `emulator error: ${String(error)}`, code: 0 }, bucket);
      }
    }
  }

  private application(): Json {
    const { state } = this.deps;
    return {
      id: state.applicationId,
      name: state.applicationName,
      icon: null,
      description: '',
      summary: '',
      type: null,
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: '0'.repeat(64),
      flags: 0,
      team: null,
      owner: state.userPayload(state.guilds[0]?.members[0]?.user ?? state.bot),
      bot: state.userPayload(state.bot),
      approximate_guild_count: state.installedGuilds.length,
      install_params: { scopes: ['bot', 'applications.commands'], permissions: '0' },
      // Installable to servers (0) and to user accounts (1).
      integration_types_config: { '0': {}, '1': {} },
    };
  }

  private threadName(body: Json): string {
    const name = typeof body.name === 'string' ? body.name.trim() : '';
    if (name.length < 1 || name.length > Limit.threadName) {
      throw new DiscordHttpError(400, RESTJSONErrorCodes.InvalidFormBodyOrContentType, 'Invalid Form Body', {
        name: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH', message: `Must be between 1 and ${Limit.threadName} in length.` }] },
      });
    }
    return name;
  }

  private guild(guildId: string) {
    const guild = this.deps.state.guild(guildId);
    if (!guild) throw httpErrors.unknownGuild();
    if (!guild.botInstalled) throw httpErrors.missingAccess();
    return guild;
  }

  /**
   * A channel the bot can reach: one of an installed guild's, or its own DM with a user. A guild that has not
   * added the bot, or a DM between other users, answers 50001 Missing Access, as Discord does.
   */
  private channel(channelId: string): {
    guild?: EmulatedGuild;
    channel: EmulatedChannel | EmulatedThread | EmulatedDmChannel;
    dm?: EmulatedDmChannel;
  } {
    const { state } = this.deps;
    const dm = state.dm(channelId);
    if (dm) {
      if (!dm.recipients.some((user) => user.id === state.bot.id)) throw httpErrors.missingAccess();
      return { channel: dm, dm };
    }
    const found = state.channel(channelId);
    if (!found) throw httpErrors.unknownChannel();
    if (!found.guild.botInstalled) throw httpErrors.missingAccess();
    return found;
  }

  /** In a guild, the bot's permissions must cover `permission`; in its own DMs it may read and write. */
  private requirePermission(channelId: string, permission: bigint): void {
    const { guild } = this.channel(channelId);
    const { state } = this.deps;
    if (guild && (state.memberPermissions(guild.id, state.bot.id) & permission) !== permission) throw httpErrors.missingPermissions();
  }

  private channelMessage(channelId: string, messageId: string) {
    this.channel(channelId);
    const message = this.deps.book.get(messageId);
    // Ephemeral messages are not reachable through the channel, only through the interaction webhook.
    if (!message || message.channel_id !== channelId || message.visibleTo) throw httpErrors.unknownMessage();
    return message;
  }

  /** Newest first, as Discord lists them; `before`, `after` and `limit` (1-100, default 50). */
  private listMessages(channelId: string, query: URLSearchParams): APIMessage[] {
    this.requirePermission(channelId, PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ReadMessageHistory);
    const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 50) || 50));
    const before = query.get('before');
    const after = query.get('after');
    return this.deps.book
      .inChannel(channelId)
      .filter((message) => (!before || compareSnowflakes(message.id, before) < 0) && (!after || compareSnowflakes(message.id, after) > 0))
      .sort((a, b) => compareSnowflakes(b.id, a.id))
      .slice(0, limit)
      .map(apiMessage);
  }

  private replyReference(channelId: string, body: Json): Json | null | undefined {
    return checkReference(this.deps.book, channelId, body);
  }

  private postMessage(channelId: string, body: Json, files: UploadedFile[]): APIMessage {
    const { guild, channel } = this.channel(channelId);
    // A forum holds posts (threads), not messages.
    if (channel.type === ChannelType.GuildForum) throw httpErrors.wrongChannelType();
    // In a thread, Discord asks for Send Messages in Threads instead of Send Messages.
    const send = this.deps.state.thread(channelId) ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages;
    this.requirePermission(channelId, PermissionFlagsBits.ViewChannel | send);
    validateMessageBody(body, { creating: true, fileCount: files.length });
    const reference = this.replyReference(channelId, body);
    const message = this.deps.book.create(
      { channel_id: channelId, ...(guild ? { guild_id: guild.id } : {}), type: reference ? MessageType.Reply : MessageType.Default },
      { ...body, message_reference: reference ?? null },
      files,
    );
    return apiMessage(message);
  }
}

/**
 * A reply's message_reference, checked as Discord does: the message must be in this channel (50035 otherwise),
 * unless `fail_if_not_exists` is false, when the reply is sent as a plain message (null). Undefined: not a reply.
 */
function checkReference(book: MessageBook, channelId: string, body: Json): Json | null | undefined {
  const reference = body.message_reference as { message_id?: unknown; fail_if_not_exists?: unknown } | undefined;
  if (!reference?.message_id) return undefined;
  const target = book.get(String(reference.message_id));
  if (target && target.channel_id === channelId && !target.visibleTo) {
    // Stored as Discord returns it: a default (reply) reference naming the message, its channel and guild.
    return { type: 0, message_id: target.id, channel_id: channelId, ...(target.guild_id ? { guild_id: target.guild_id } : {}) };
  }
  if (reference.fail_if_not_exists === false) return null;
  throw new DiscordHttpError(400, RESTJSONErrorCodes.InvalidFormBodyOrContentType, 'Invalid Form Body', {
    message_reference: { _errors: [{ code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', message: 'Unknown message' }] },
  });
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ButtonStyle,
  ChannelType,
  ComponentType,
  InteractionContextType,
  InteractionResponseType,
  MessageFlags,
  TextInputStyle,
} from 'discord-api-types/v10';
import { SUPPORTED_LOCALES } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { PROJECT_ROOT } from '../project-root.js';
import type { ApplicationCommand, DiscordEmulator, EmulatedMessage, OptionValue } from './emulator/index.js';

const WEB_DIR = path.join(PROJECT_ROOT, 'src/sandbox/web');
const NODE_MODULES = path.join(PROJECT_ROOT, 'node_modules');
const MARKED = path.join(NODE_MODULES, 'marked/lib/marked.esm.js');
const DOMPURIFY = path.join(NODE_MODULES, 'dompurify/dist/purify.es.mjs');
const EMOJI_REGEX = path.join(NODE_MODULES, 'emoji-regex/index.mjs');
/** Twemoji's images, which Discord draws emoji with; `/emoji/<code points>.svg` serves one. */
const TWEMOJI_DIR = path.join(NODE_MODULES, '@twemoji/svg');
const EMOJI_IMAGE = /^\/emoji\/([0-9a-f]{1,6}(?:-[0-9a-f]{1,6}){0,15})\.svg$/;
const VARIATION_SELECTOR = 'fe0f';
/**
 * ES-module packages the page loads as they are published, through the import map in
 * index.html: the Discord message web components and Lit, which they are built on.
 */
const BROWSER_PACKAGES = ['@skyra/discord-components-core', '@lit/context', '@lit/reactive-element', 'lit-element', 'lit-html', 'lit'];
const MODULE_PATH = /^[\w@.-]+(\/[\w@.-]+)*\.js$/;
const STATIC_FILES: Record<string, { file: string; type: string }> = {
  '/': { file: path.join(WEB_DIR, 'index.html'), type: 'text/html; charset=utf-8' },
  '/app.js': { file: path.join(WEB_DIR, 'app.js'), type: 'text/javascript; charset=utf-8' },
  '/style.css': { file: path.join(WEB_DIR, 'style.css'), type: 'text/css; charset=utf-8' },
  '/options.js': { file: path.join(WEB_DIR, 'options.js'), type: 'text/javascript; charset=utf-8' },
  '/markdown.js': { file: path.join(WEB_DIR, 'markdown.js'), type: 'text/javascript; charset=utf-8' },
  '/emoji.js': { file: path.join(WEB_DIR, 'emoji.js'), type: 'text/javascript; charset=utf-8' },
  '/favicon.svg': { file: path.join(WEB_DIR, 'favicon.svg'), type: 'image/svg+xml' },
  '/vendor/marked.esm.js': { file: MARKED, type: 'text/javascript; charset=utf-8' },
  '/vendor/purify.es.mjs': { file: DOMPURIFY, type: 'text/javascript; charset=utf-8' },
  '/vendor/emoji-regex.mjs': { file: EMOJI_REGEX, type: 'text/javascript; charset=utf-8' },
};
/** Discord's enums the page needs, served from discord-api-types so the page never keeps a copy. */
const DISCORD_CONSTANTS_MODULE = Object.entries({
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ButtonStyle,
  ChannelType,
  ComponentType,
  InteractionResponseType,
  MessageFlags,
  TextInputStyle,
})
  .map(([name, values]) => `export const ${name} = ${JSON.stringify(values)};`)
  .join('\n');
/** What the page may send: Discord's limits for a message and a thread's name. */
const SANDBOX_LIMITS = { content: 2000, postTitle: 100 };
/** Room for a file attached to a command (sent base64-encoded). */
const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** Bounds how long the page waits for the bot. */
const RESPONSE_TIMEOUT_MS = 5000;

/** Who acts: in a server (`guildId`), or, without one, in their DM with the bot. */
interface ActorBody {
  guildId?: string;
  userId: string;
}

/** What the page sends as the "server" of a DM with the bot. */
const DM_PLACE = 'dm';
const DM_NAME = 'Direct message with Stackwise';

/** Whether a Discord client would offer this command in that context (its `contexts`; a guild command only in guilds). */
function offeredIn(command: ApplicationCommand, context: InteractionContextType): boolean {
  if (command.guild_id) return context === InteractionContextType.Guild;
  const contexts = command.contexts as number[] | null | undefined;
  return !contexts || contexts.includes(context);
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of request) {
    text += chunk;
    if (text.length > MAX_BODY_BYTES) throw new Error('request too large');
  }
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

/** Streams the first of `files` that exists, cached for an hour; a 404 when none does. */
function serveFirstFound(files: string[], type: string, response: ServerResponse): void {
  const [file, ...rest] = files;
  if (!file) return sendJson(response, 404, { error: 'not found' });
  const stream = createReadStream(file);
  stream.once('open', () => {
    response.writeHead(200, { 'content-type': type, 'cache-control': 'max-age=3600' });
    stream.pipe(response);
  });
  stream.once('error', () => {
    if (!response.headersSent) serveFirstFound(rest, type, response);
  });
}

/** Option values from the page; a file comes as { filename, base64, contentType }. */
function commandOptions(raw: unknown): Record<string, OptionValue> {
  const options: Record<string, OptionValue> = {};
  for (const [name, value] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
    if (value && typeof value === 'object' && 'base64' in value) {
      const file = value as { filename?: unknown; base64?: unknown; contentType?: unknown };
      options[name] = {
        filename: String(file.filename ?? 'file'),
        content: Buffer.from(String(file.base64 ?? ''), 'base64'),
        ...(typeof file.contentType === 'string' && file.contentType ? { contentType: file.contentType } : {}),
      };
    } else if (['string', 'number', 'boolean'].includes(typeof value)) {
      options[name] = value as string | number | boolean;
    }
  }
  return options;
}

/**
 * The sandbox page and its small JSON API: the page acts as a Discord client would,
 * sending interactions through the emulator and showing the messages it holds.
 */
export class SandboxWebServer {
  private readonly server: Server;

  constructor(
    private readonly emulator: DiscordEmulator,
    private readonly logger: Logger,
    /** Empties the sandbox (messages, server entries, votes, settings); the page asks first. */
    private readonly reset: () => Promise<void>,
  ) {
    this.server = createServer((request, response) => {
      this.route(request, response).catch((error: unknown) => {
        this.logger.warn({ err: error, url: request.url }, 'sandbox request failed');
        if (!response.headersSent) sendJson(response, 400, { error: 'That request could not be handled.' });
      });
    });
  }

  async listen(port: number): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', resolve);
    });
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private actor(body: Record<string, unknown>): ActorBody {
    const guildId = String(body.guildId ?? '');
    const userId = String(body.userId ?? '');
    if (guildId === DM_PLACE) {
      if (!this.people().some((person) => person.id === userId)) throw new Error('unknown user');
      return { userId };
    }
    const guild = this.emulator.guilds.find((candidate) => candidate.id === guildId);
    if (!guild || ![guild.member.id, guild.moderator.id].includes(userId)) throw new Error('unknown server or user');
    return { guildId, userId };
  }

  /** Everyone the page can act as: each server's member and moderator. */
  private people() {
    return this.emulator.guilds.flatMap((guild) => [
      { id: guild.member.id, name: guild.member.username, role: 'member' },
      { id: guild.moderator.id, name: guild.moderator.username, role: 'moderator' },
    ]);
  }

  /** The channel the page shows for this actor: the server's #general, or their DM with the bot. */
  private channelOf(actor: ActorBody): string {
    if (!actor.guildId) return this.emulator.dmChannel(actor.userId).id;
    return this.emulator.guilds.find((candidate) => candidate.id === actor.guildId)!.channelId;
  }

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const file = STATIC_FILES[url.pathname];
    if (request.method === 'GET' && file) {
      response.writeHead(200, { 'content-type': file.type });
      createReadStream(file.file).pipe(response);
      return;
    }
    if (request.method === 'GET' && url.pathname === '/discord-constants.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      response.end(DISCORD_CONSTANTS_MODULE);
      return;
    }
    if (request.method === 'GET' && url.pathname.startsWith('/vendor/'))
      return this.serveModule(url.pathname.slice('/vendor/'.length), response);
    const emoji = request.method === 'GET' ? EMOJI_IMAGE.exec(url.pathname) : null;
    if (emoji) return this.serveEmoji(emoji[1]!, response);
    if (request.method === 'GET' && url.pathname === '/api/session') return sendJson(response, 200, this.session());
    if (request.method === 'GET' && url.pathname === '/api/messages') {
      const actor = this.actor(Object.fromEntries(url.searchParams));
      return sendJson(response, 200, { messages: this.messagesFor(actor) });
    }
    if (request.method === 'POST' && url.pathname === '/api/dismiss') {
      const body = await readJson(request);
      const actor = this.actor(body);
      return sendJson(response, 200, { dismissed: this.emulator.dismissEphemeral(String(body.messageId), actor.userId) });
    }
    if (request.method === 'POST' && url.pathname === '/api/reset') {
      await this.reset();
      return sendJson(response, 200, { reset: true });
    }
    if (request.method === 'GET' && url.pathname === '/api/forum') {
      const actor = this.actor(Object.fromEntries(url.searchParams));
      return sendJson(response, 200, { posts: this.forumFor(actor, String(url.searchParams.get('channelId') ?? '')) });
    }
    if (request.method === 'POST' && url.pathname === '/api/forum-post') {
      const body = await readJson(request);
      const actor = this.actor(body);
      const title = String(body.title ?? '')
        .trim()
        .slice(0, SANDBOX_LIMITS.postTitle);
      if (!title) return sendJson(response, 400, { error: 'A post needs a title.' });
      const forum = this.forumOf(actor.guildId, String(body.channelId ?? ''));
      const { thread } = this.emulator.createForumPost({
        channelId: forum.id,
        userId: actor.userId,
        title,
        content: String(body.content ?? '').slice(0, SANDBOX_LIMITS.content),
      });
      return sendJson(response, 200, { thread });
    }
    if (request.method === 'POST' && url.pathname === '/api/post') {
      const body = await readJson(request);
      const actor = this.actor(body);
      const content = String(body.content ?? '').slice(0, SANDBOX_LIMITS.content);
      if (!content.trim()) return sendJson(response, 400, { error: 'An empty message cannot be sent.' });
      // The main channel (or the DM), or a reply in one of the server's threads (a forum post).
      const threadId = typeof body.channelId === 'string' ? body.channelId : '';
      const thread = threadId
        ? this.emulator.threadsOf().find((candidate) => candidate.id === threadId && candidate.guild_id === actor.guildId)
        : undefined;
      if (threadId && !thread) throw new Error('unknown thread');
      return sendJson(response, 200, {
        message: this.emulator.postUserMessage({ channelId: thread?.id ?? this.channelOf(actor), userId: actor.userId, content }),
      });
    }
    if (request.method === 'POST' && url.pathname.startsWith('/api/')) {
      const body = await readJson(request);
      const actor = this.actor(body);
      const sent = this.send(url.pathname, actor, body);
      const result = await Promise.race([
        sent.response,
        new Promise((resolve) =>
          setTimeout(() => resolve({ type: 0, data: { content: 'The bot did not answer in time.' } }), RESPONSE_TIMEOUT_MS).unref(),
        ),
      ]);
      return sendJson(response, 200, { response: result });
    }
    sendJson(response, 404, { error: 'not found' });
  }

  /** A .js file of an allowed package; nothing else under node_modules is reachable. */
  private serveModule(requested: string, response: ServerResponse): void {
    const name = BROWSER_PACKAGES.find((candidate) => requested.startsWith(`${candidate}/`));
    const rest = name ? requested.slice(name.length + 1) : '';
    if (!name || !MODULE_PATH.test(rest) || rest.split('/').includes('..')) return sendJson(response, 404, { error: 'not found' });
    serveFirstFound([path.join(NODE_MODULES, name, rest)], 'text/javascript; charset=utf-8', response);
  }

  /**
   * Twemoji names most files without the variation selector U+FE0F, but keeps it in some sequences
   * joined by U+200D: the name as the page gives it is tried first, then without the selector.
   */
  private serveEmoji(codePoints: string, response: ServerResponse): void {
    const withoutSelector = codePoints
      .split('-')
      .filter((point) => point !== VARIATION_SELECTOR)
      .join('-');
    const names = [...new Set([codePoints, withoutSelector])];
    serveFirstFound(
      names.map((name) => path.join(TWEMOJI_DIR, `${name}.svg`)),
      'image/svg+xml',
      response,
    );
  }

  private send(pathname: string, person: ActorBody, body: Record<string, unknown>) {
    // The language the page's picker chose, as a Discord client would send it; one the bot speaks, else none.
    const locale = SUPPORTED_LOCALES.find((known) => known === body.locale);
    const actor = { ...person, ...(locale ? { locale } : {}) };
    const options = commandOptions(body.options);
    const subcommand = typeof body.subcommand === 'string' && body.subcommand ? { subcommand: body.subcommand } : {};
    switch (pathname) {
      case '/api/command':
        return this.emulator.sendCommand({ ...actor, name: String(body.name), options, ...subcommand });
      case '/api/modal':
        return this.emulator.submitModal({
          ...actor,
          customId: String(body.customId),
          fields: (body.fields ?? {}) as Record<string, string>,
        });
      case '/api/message-command':
        return this.emulator.sendMessageContextMenu({
          name: String(body.name),
          messageId: String(body.messageId),
          userId: actor.userId,
          ...(locale ? { locale } : {}),
        });
      case '/api/autocomplete':
        return this.emulator.sendAutocomplete({
          ...actor,
          name: String(body.name),
          focused: String(body.focused),
          value: String(body.value ?? ''),
          options,
          ...subcommand,
        });
      case '/api/button': {
        const message = this.emulator.message(String(body.messageId));
        if (!message) throw new Error('unknown message');
        return this.emulator.clickButton({ ...actor, messageId: message.id, customId: String(body.customId) });
      }
      default:
        throw new Error(`unknown action ${pathname}`);
    }
  }

  private session() {
    const global = this.emulator.commands();
    return {
      dm: {
        id: DM_PLACE,
        name: DM_NAME,
        users: this.people(),
        roles: [],
        channels: [],
        commands: global.filter((command) => offeredIn(command, InteractionContextType.BotDM)),
      },
      guilds: this.emulator.guilds.map((guild) => ({
        id: guild.id,
        name: guild.name,
        channelId: guild.channelId,
        users: [
          { id: guild.member.id, name: guild.member.username, role: 'member' },
          { id: guild.moderator.id, name: guild.moderator.username, role: 'moderator' },
        ],
        roles: guild.roles.filter((role) => role.id !== guild.everyoneRoleId).map((role) => ({ id: role.id, name: role.name })),
        channels: guild.channels.map((channel) => ({ id: channel.id, name: channel.name, type: channel.type })),
        commands: [...this.emulator.commands(guild.id), ...global].filter((command) => offeredIn(command, InteractionContextType.Guild)),
      })),
    };
  }

  private forumOf(guildId: string | undefined, channelId: string) {
    const guild = this.emulator.guilds.find((candidate) => candidate.id === guildId);
    const forum = guild?.channels.find((channel) => channel.id === channelId && channel.type === ChannelType.GuildForum);
    if (!forum) throw new Error('unknown forum');
    return forum;
  }

  /** A forum's posts, newest first, each with what this user sees in its thread. */
  private forumFor(actor: ActorBody, channelId: string) {
    const forum = this.forumOf(actor.guildId, channelId);
    const ephemeral = this.emulator.ephemeralMessages(actor.userId);
    return this.emulator
      .threadsOf(forum.id)
      .map((thread) => ({
        id: thread.id,
        name: thread.name,
        messages: [...this.emulator.messages(thread.id), ...ephemeral.filter((message) => message.channel_id === thread.id)].sort((a, b) =>
          BigInt(a.id) < BigInt(b.id) ? -1 : 1,
        ),
      }))
      .reverse();
  }

  private messagesFor(actor: ActorBody): EmulatedMessage[] {
    const channelId = this.channelOf(actor);
    const visible = [
      ...this.emulator.messages(channelId),
      ...this.emulator.ephemeralMessages(actor.userId).filter((message) => message.channel_id === channelId),
    ];
    return visible.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventEmitter } from 'node:events';
import { CallbackType, DiscordErrorCode, MessageFlag, snowflake } from './protocol.js';
import type { EmulatedMessage, EmulatorState } from './state.js';
import type { InteractionLedger } from './interactions.js';

const MAX_BODY_BYTES = 8 * 1024 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 40005, 'Request entity too large');
    chunks.push(chunk as Buffer);
  }
  if (chunks.length === 0) return {};
  const text = Buffer.concat(chunks).toString('utf8');
  const type = request.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) {
    // discord.js sends payload_json plus files; the emulator keeps the JSON part.
    const match = /name="payload_json"\r\n(?:Content-Type: [^\r\n]*\r\n)?\r\n([\s\S]*?)\r\n--/.exec(text);
    return match ? (JSON.parse(match[1]!) as Record<string, unknown>) : {};
  }
  return JSON.parse(text) as Record<string, unknown>;
}

function send(response: ServerResponse, status: number, body?: unknown): void {
  response.writeHead(status, {
    // A 204 has no body, so it must not claim JSON: discord.js would try to parse it.
    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    'x-ratelimit-limit': '1000',
    'x-ratelimit-remaining': '999',
    'x-ratelimit-reset-after': '0.001',
    'x-ratelimit-bucket': 'emulator',
  });
  response.end(body === undefined ? undefined : JSON.stringify(body));
}

type Route = { method: string; pattern: RegExp; handle: (match: string[], body: Record<string, unknown>, url: URL) => unknown };

/** The REST API subset discord.js uses, under /api/v10. */
export class EmulatedRest {
  private readonly routes: Route[];

  constructor(
    private readonly state: EmulatorState,
    private readonly ledger: InteractionLedger,
    private readonly events: EventEmitter,
    private readonly gatewayUrl: () => string,
    private readonly onUnknownRoute: (method: string, path: string) => void,
  ) {
    const app = '(\\d+)';
    const id = '([^/]+)';
    this.routes = [
      { method: 'GET', pattern: /^\/gateway\/bot$/, handle: () => this.gatewayBot() },
      { method: 'GET', pattern: /^\/gateway$/, handle: () => ({ url: this.gatewayUrl() }) },
      { method: 'GET', pattern: /^\/users\/@me$/, handle: () => this.state.bot },
      { method: 'GET', pattern: /^\/applications\/@me$/, handle: () => ({ id: state.applicationId, name: 'Stackwise', flags: 0, bot: state.bot }) },
      { method: 'PUT', pattern: new RegExp(`^/applications/${app}/commands$`), handle: (_m, body) => this.setCommands('', body) },
      { method: 'GET', pattern: new RegExp(`^/applications/${app}/commands$`), handle: () => this.state.commands.get('') ?? [] },
      { method: 'PUT', pattern: new RegExp(`^/applications/${app}/guilds/${app}/commands$`), handle: (m, body) => this.setCommands(m[2]!, body) },
      { method: 'GET', pattern: new RegExp(`^/applications/${app}/guilds/${app}/commands$`), handle: (m) => this.state.commands.get(m[2]!) ?? [] },
      { method: 'POST', pattern: new RegExp(`^/interactions/${id}/${id}/callback$`), handle: (m, body, url) => this.callback(m[1]!, m[2]!, body, url) },
      { method: 'GET', pattern: new RegExp(`^/webhooks/${app}/${id}/messages/${id}$`), handle: (m) => this.webhookMessage(m[2]!, m[3]!) },
      { method: 'PATCH', pattern: new RegExp(`^/webhooks/${app}/${id}/messages/${id}$`), handle: (m, body) => this.editWebhookMessage(m[2]!, m[3]!, body) },
      { method: 'DELETE', pattern: new RegExp(`^/webhooks/${app}/${id}/messages/${id}$`), handle: (m) => this.deleteWebhookMessage(m[2]!, m[3]!) },
      { method: 'POST', pattern: new RegExp(`^/webhooks/${app}/${id}$`), handle: (m, body) => this.followUp(m[2]!, body) },
      { method: 'POST', pattern: new RegExp(`^/channels/${app}/messages$`), handle: (m, body) => this.postMessage(m[1]!, body) },
    ];
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname).replace(/^\/api(\/v\d+)?/, '');
    try {
      const route = this.routes.find((candidate) => candidate.method === request.method && candidate.pattern.test(path));
      if (!route) {
        this.onUnknownRoute(request.method ?? '?', path);
        throw new HttpError(404, 0, '404: Not Found');
      }
      const needsBot = !path.startsWith('/interactions/') && !path.startsWith('/webhooks/');
      if (needsBot && request.headers.authorization !== `Bot ${this.state.token}`) throw new HttpError(401, 0, '401: Unauthorized');
      const body = ['POST', 'PUT', 'PATCH'].includes(request.method ?? '') ? await readBody(request) : {};
      const result = route.handle(route.pattern.exec(path)!.slice(0), body, url);
      if (result === undefined) send(response, 204);
      else send(response, 200, result);
    } catch (error) {
      if (error instanceof HttpError) send(response, error.status, { message: error.message, code: error.code });
      else send(response, 500, { message: String(error), code: 0 });
    }
  }

  private gatewayBot() {
    return {
      url: this.gatewayUrl(),
      shards: 1,
      session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
    };
  }

  private setCommands(scope: string, body: unknown) {
    const commands = (Array.isArray(body) ? body : []).map((command: Record<string, unknown>) => ({
      ...command,
      id: snowflake(),
      application_id: this.state.applicationId,
      version: snowflake(),
      type: command.type ?? 1,
      ...(scope ? { guild_id: scope } : {}),
    }));
    this.state.commands.set(scope, commands);
    return commands;
  }

  private callback(interactionId: string, token: string, body: Record<string, unknown>, url: URL) {
    const record = this.ledger.acknowledge(interactionId, token, body);
    const type = Number(body.type);
    const data = (body.data ?? {}) as Record<string, unknown>;
    const ephemeral = (Number(data.flags ?? 0) & MessageFlag.Ephemeral) !== 0;
    let message: EmulatedMessage | undefined;
    if (type === CallbackType.Reply || type === CallbackType.DeferReply) {
      message = this.state.createMessage({
        channel_id: record.channelId,
        ...(record.guildId ? { guild_id: record.guildId } : {}),
        ...this.messageFields(data),
        flags: (ephemeral ? MessageFlag.Ephemeral : 0) | (type === CallbackType.DeferReply ? 128 : 0),
        type: record.sourceMessageId ? 19 : 20,
        webhook_id: this.state.applicationId,
        ...(ephemeral ? { visibleTo: record.userId } : {}),
      });
      record.originalMessageId = message.id;
      this.events.emit('message', message);
    } else if (type === CallbackType.Update || type === CallbackType.DeferUpdate) {
      const source = record.sourceMessageId ? this.state.messages.get(record.sourceMessageId) : undefined;
      if (!source) throw new HttpError(404, DiscordErrorCode.UnknownMessage, 'Unknown Message');
      record.originalMessageId = source.id;
      if (type === CallbackType.Update) {
        Object.assign(source, this.messageFields(data), { edited_timestamp: new Date().toISOString() });
        this.events.emit('messageUpdate', source);
      }
      message = source;
    }
    this.events.emit('interactionResponse', { interactionId, type, data });
    if (url.searchParams.get('with_response') === 'true') {
      return { interaction: { id: interactionId, type: record.type }, resource: { type, ...(message ? { message } : {}) } };
    }
    return undefined;
  }

  private messageFields(data: Record<string, unknown>): Partial<EmulatedMessage> {
    const fields: Partial<EmulatedMessage> = {};
    if ('content' in data) fields.content = String(data.content ?? '');
    if ('embeds' in data) fields.embeds = (data.embeds as unknown[]) ?? [];
    if ('components' in data) fields.components = (data.components as unknown[]) ?? [];
    if ('allowed_mentions' in data) fields.allowed_mentions = data.allowed_mentions;
    return fields;
  }

  private messageFor(token: string, messageId: string): EmulatedMessage {
    const record = this.ledger.byToken(token);
    const id = messageId === '@original' ? record?.originalMessageId : messageId;
    const message = id ? this.state.messages.get(id) : undefined;
    if (!record || !message) throw new HttpError(404, DiscordErrorCode.UnknownMessage, 'Unknown Message');
    return message;
  }

  private webhookMessage(token: string, messageId: string) {
    return this.messageFor(token, messageId);
  }

  private editWebhookMessage(token: string, messageId: string, body: Record<string, unknown>) {
    const message = this.messageFor(token, messageId);
    Object.assign(message, this.messageFields(body), { flags: message.flags & ~128, edited_timestamp: new Date().toISOString() });
    this.events.emit('messageUpdate', message);
    return message;
  }

  private deleteWebhookMessage(token: string, messageId: string) {
    const message = this.messageFor(token, messageId);
    this.state.messages.delete(message.id);
    this.events.emit('messageDelete', message);
    return undefined;
  }

  private followUp(token: string, body: Record<string, unknown>) {
    const record = this.ledger.byToken(token);
    if (!record?.acknowledged) throw new HttpError(404, DiscordErrorCode.UnknownInteraction, 'Unknown Webhook');
    const ephemeral = (Number(body.flags ?? 0) & MessageFlag.Ephemeral) !== 0;
    const message = this.state.createMessage({
      channel_id: record.channelId,
      ...(record.guildId ? { guild_id: record.guildId } : {}),
      ...this.messageFields(body),
      flags: ephemeral ? MessageFlag.Ephemeral : 0,
      webhook_id: this.state.applicationId,
      ...(ephemeral ? { visibleTo: record.userId } : {}),
    });
    this.events.emit('message', message);
    return message;
  }

  private postMessage(channelId: string, body: Record<string, unknown>) {
    const guild = this.state.guilds.find((candidate) => candidate.channelId === channelId);
    if (!guild) throw new HttpError(404, 10003, 'Unknown Channel');
    const message = this.state.createMessage({ channel_id: channelId, guild_id: guild.id, ...this.messageFields(body) });
    this.events.emit('message', message);
    return message;
  }
}

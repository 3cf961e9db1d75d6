import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { Client, Events, GatewayIntentBits, type Message } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBody } from '../../src/sandbox/emulator/http.js';
import { DiscordEmulator, snowflake, snowflakeTime } from '../../src/sandbox/emulator/index.js';
import { WAIT_MS } from './helpers.js';

let emu: DiscordEmulator;
const unknown: string[] = [];
beforeAll(async () => {
  emu = await DiscordEmulator.start({ interactionTokenTtlMs: 1000, onUnknownRoute: (method, path) => unknown.push(`${method} ${path}`) });
});
afterAll(async () => {
  await emu?.close();
});

const api = (path: string, init: RequestInit & { bot?: boolean } = {}) =>
  fetch(`${emu.apiBase}/v10${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.bot === false ? {} : { authorization: `Bot ${emu.token}` }), ...init.headers },
  });

describe('REST', () => {
  it('tells discord.js where the gateway is, on loopback', async () => {
    const body = (await (await api('/gateway/bot')).json()) as {
      url: string;
      shards: number;
      session_start_limit: { max_concurrency: number };
    };
    expect(body).toMatchObject({ url: emu.gatewayUrl, shards: 1, session_start_limit: { max_concurrency: 1 } });
    expect(body.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
  });

  it('needs the bot token, except on interaction callbacks and webhooks', async () => {
    const response = await api('/users/@me', { bot: false });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: '401: Unauthorized', code: 0 });
    expect((await (await api('/users/@me')).json()) as { id: string }).toMatchObject({ id: emu.applicationId, bot: true });
  });

  it('sends rate-limit headers that never throttle', async () => {
    const response = await api('/users/@me');
    expect(Number(response.headers.get('x-ratelimit-remaining'))).toBeGreaterThan(1000);
    expect(response.headers.get('x-ratelimit-bucket')).toBeTruthy();
  });

  it('answers and reports unknown routes', async () => {
    const response = await api('/guilds/1/bans');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: '404: Not Found', code: 0 });
    expect(unknown).toContain('GET /guilds/1/bans');
  });

  it('keeps command ids across identical bulk overwrites and bumps the version on a change', async () => {
    const route = `/applications/${emu.applicationId}/guilds/${emu.guilds[1]!.id}/commands`;
    const put = async (description: string) =>
      (await (await api(route, { method: 'PUT', body: JSON.stringify([{ name: 'ask', description }]) })).json()) as {
        id: string;
        version: string;
      }[];
    const [first] = await put('Ask');
    const [same] = await put('Ask');
    const [changed] = await put('Ask a question');
    expect(same).toEqual(first);
    expect(changed!.id).toBe(first!.id);
    expect(changed!.version).not.toBe(first!.version);
    expect((await api(`/applications/${emu.applicationId}/guilds/999/commands`)).status).toBe(404);
  });

  it('lists, edits and deletes channel messages; ephemeral ones are not in the channel', async () => {
    const channelId = emu.guilds[0]!.channelId;
    const created = (await (
      await api(`/channels/${channelId}/messages`, { method: 'POST', body: JSON.stringify({ content: 'one' }) })
    ).json()) as { id: string };
    const edited = (await (
      await api(`/channels/${channelId}/messages/${created.id}`, { method: 'PATCH', body: JSON.stringify({ content: 'uno' }) })
    ).json()) as {
      content: string;
      edited_timestamp: string | null;
    };
    expect(edited.content).toBe('uno');
    expect(edited.edited_timestamp).not.toBeNull();
    const listed = (await (await api(`/channels/${channelId}/messages?limit=10`)).json()) as { id: string; visibleTo?: string }[];
    expect(listed[0]?.id).toBe(created.id);
    expect(listed[0]).not.toHaveProperty('visibleTo');

    const user = emu.postUserMessage({ channelId, userId: emu.guilds[0]!.member.id, content: 'mine' });
    const refused = await api(`/channels/${channelId}/messages/${user.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ content: 'hacked' }),
    });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: number }).code).toBe(50005);
    expect((await api(`/channels/${channelId}/messages/${created.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(emu.message(created.id)).toBeUndefined();
  });

  it('fails an interaction at once when no bot is connected', async () => {
    const guild = emu.guilds[0]!;
    const sent = emu.sendCommand({ guildId: guild.id, userId: guild.member.id, name: 'ping' });
    await expect(sent.response).rejects.toThrow(/no bot session/);
  });
});

describe('REST interaction flow without discord.js', () => {
  let client: Client<true>;
  beforeAll(async () => {
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emu.apiBase, globalRequestsPerSecond: 10_000 } });
    const ready = once(client, Events.ClientReady, { signal: AbortSignal.timeout(WAIT_MS) });
    await client.login(emu.token);
    await ready;
  });
  afterAll(async () => {
    await client?.destroy();
  });

  it('edits @original sent as %40original, and refuses a token past its lifetime', async () => {
    const guild = emu.guilds[0]!;
    const sent = emu.sendCommand({ guildId: guild.id, userId: guild.member.id, name: 'ping' });
    const callback = await fetch(`${emu.apiBase}/v10/interactions/${sent.id}/${sent.token}/callback?with_response=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 5 }),
    });
    expect(await callback.json()).toMatchObject({
      interaction: { id: sent.id, type: 2, response_message_loading: true },
      resource: { type: 5 },
    });
    const webhook = `/webhooks/${emu.applicationId}/${sent.token}/messages/%40original`;
    const empty = await api(webhook, { method: 'PATCH', body: JSON.stringify({ content: '' }), bot: false });
    expect(((await empty.json()) as { code: number }).code).toBe(50006);
    const edited = await api(webhook, { method: 'PATCH', body: JSON.stringify({ content: 'done' }), bot: false });
    expect(((await edited.json()) as { content: string; flags: number }).content).toBe('done');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const expired = await api(webhook, { method: 'PATCH', body: JSON.stringify({ content: 'again' }), bot: false });
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { code: number }).code).toBe(50027);
  });

  it('sends MESSAGE_CREATE only to bots with GUILD_MESSAGES, without content unless MESSAGE_CONTENT', async () => {
    const listener = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
      rest: { api: emu.apiBase, globalRequestsPerSecond: 10_000 },
    });
    try {
      const ready = once(listener, Events.ClientReady, { signal: AbortSignal.timeout(WAIT_MS) });
      await listener.login(emu.token);
      await ready;
      const created = once(listener, Events.MessageCreate, { signal: AbortSignal.timeout(WAIT_MS) });
      const posted = emu.postUserMessage({ channelId: emu.guilds[0]!.channelId, userId: emu.guilds[0]!.member.id, content: 'secret' });
      const [message] = (await created) as [Message];
      expect(message.id).toBe(posted.id);
      expect(message.content).toBe('');
    } finally {
      await listener.destroy();
    }
  });
});

describe('building blocks', () => {
  it('posts a reply with its message_reference, refuses one to an unknown message, and notifies the author only when asked', async () => {
    const guild = emu.guilds[0]!;
    const question = emu.postUserMessage({ channelId: guild.channelId, userId: guild.member.id, content: 'Does Netflix use Kafka?' });
    const post = (body: Record<string, unknown>) =>
      api(`/channels/${guild.channelId}/messages`, { method: 'POST', body: JSON.stringify({ content: 'Yes.', ...body }) });

    const quiet = await post({ message_reference: { message_id: question.id }, allowed_mentions: { parse: [], replied_user: false } });
    const reply = (await quiet.json()) as { id: string; type: number; message_reference: Record<string, string> };
    expect(reply.type).toBe(19);
    expect(reply.message_reference).toEqual({ type: 0, message_id: question.id, channel_id: guild.channelId, guild_id: guild.id });
    expect(emu.message(reply.id)!.mentions).toEqual([]);
    const loud = (await (await post({ message_reference: { message_id: question.id } })).json()) as { id: string };
    expect(emu.message(loud.id)!.mentions.map((user) => user.id)).toEqual([guild.member.id]);

    const unknownReference = await post({ message_reference: { message_id: snowflake() } });
    expect(unknownReference.status).toBe(400);
    expect(((await unknownReference.json()) as { code: number }).code).toBe(50035);
    const plain = (await (await post({ message_reference: { message_id: snowflake(), fail_if_not_exists: false } })).json()) as {
      type: number;
      message_reference?: unknown;
    };
    expect(plain.type).toBe(0);
    expect(plain.message_reference).toBeUndefined();
  });

  it('refuses the bot a guild that has not added it and a DM between other users (50001), and lets it write in its own DMs', async () => {
    const other = await DiscordEmulator.start({ guilds: [{ name: 'Home A' }, { name: 'Elsewhere', botInstalled: false }] });
    try {
      const call = (path: string, init: RequestInit = {}) =>
        fetch(`${other.apiBase}/v10${path}`, {
          ...init,
          headers: { 'content-type': 'application/json', authorization: `Bot ${other.token}` },
        });
      const [home, elsewhere] = other.guilds;
      const post = (channelId: string) =>
        call(`/channels/${channelId}/messages`, { method: 'POST', body: JSON.stringify({ content: 'hi' }) });
      expect(((await (await post(elsewhere!.channelId)).json()) as { code: number }).code).toBe(50001);
      expect(((await (await call(`/guilds/${elsewhere!.id}`)).json()) as { code: number }).code).toBe(50001);
      const between = other.dmChannel(home!.member.id, home!.moderator.id);
      expect(((await (await post(between.id)).json()) as { code: number }).code).toBe(50001);
      const own = other.dmChannel(home!.member.id);
      expect((await post(own.id)).status).toBe(200);
      expect(other.messages(own.id).map((message) => message.content)).toEqual(['hi']);
      expect(other.dmChannel(home!.member.id).id).toBe(own.id);
    } finally {
      await other.close();
    }
  });

  it('makes increasing snowflakes on Discord’s epoch', () => {
    const ids = Array.from({ length: 5000 }, () => snowflake());
    for (let index = 1; index < ids.length; index += 1) expect(BigInt(ids[index]!) > BigInt(ids[index - 1]!)).toBe(true);
    expect(Math.abs(snowflakeTime(ids[0]!) - Date.now())).toBeLessThan(1000);
    expect(snowflakeTime('175928847299117063')).toBe(1462015105796);
  });

  it('parses multipart/form-data with payload_json and binary files', async () => {
    const boundary = '----emulator';
    const bytes = Buffer.from([0, 1, 2, 13, 10, 45, 45, 255]);
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files[0]"; filename="a.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      bytes,
      Buffer.from(
        `\r\n--${boundary}\r\nContent-Disposition: form-data; name="payload_json"\r\n\r\n{"content":"hi"}\r\n--${boundary}--\r\n`,
      ),
    ]);
    const request = Object.assign(Readable.from([body]), { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    const parsed = await readBody(request as unknown as IncomingMessage);
    expect(parsed.json).toEqual({ content: 'hi' });
    expect(parsed.files).toEqual([{ field: 'files[0]', filename: 'a.bin', contentType: 'application/octet-stream', data: bytes }]);
  });
});

import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { loadConfig } from '../../src/config.js';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/start.js';
import { FIXTURE_CORPUS } from '../helpers/fixture.js';

let sandbox: RunningSandbox;
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'stackwise-sandbox-'));
  const config = loadConfig({ DATA_DIR: dataDir, CORPUS_DIR: FIXTURE_CORPUS, SANDBOX_PORT: '0' });
  sandbox = await startSandbox(config, pino({ level: 'silent' }), COMMANDS);
});
afterAll(async () => {
  await sandbox?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const post = (route: string, body: unknown) =>
  fetch(`${sandbox.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(
    (response) => response.json(),
  );

describe('the sandbox (no token needed)', () => {
  it('serves the page, its script and the markdown renderer', async () => {
    expect(await (await fetch(sandbox.url)).text()).toMatch(/<main id="messages"/);
    expect((await fetch(`${sandbox.url}/app.js`)).status).toBe(200);
    expect((await fetch(`${sandbox.url}/vendor/marked.esm.js`)).status).toBe(200);
  });

  it('serves a Twemoji image for an emoji by its code points, with or without U+FE0F, and nothing else', async () => {
    const image = async (name: string) => {
      const response = await fetch(`${sandbox.url}/emoji/${name}`);
      return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
    };
    const thumbsUp = await image('1f44d.svg');
    expect(thumbsUp).toMatchObject({ status: 200, type: 'image/svg+xml' });
    expect(thumbsUp.body).toMatch(/^<svg/);
    // ❤️ is 2764 fe0f; Twemoji files it as 2764. A sequence joined by 200d keeps its fe0f in some names.
    expect((await image('2764-fe0f.svg')).status).toBe(200);
    expect((await image('2764-fe0f-200d-1f525.svg')).status).toBe(200);
    expect((await image('1f441-fe0f-200d-1f5e8-fe0f.svg')).status).toBe(200);
    expect((await image('10ffff.svg')).status).toBe(404);
    expect((await image('..%2F..%2Fpackage.json')).status).toBe(404);
    expect((await image('1f44d.svg.map')).status).toBe(404);
  });

  it("gives the page Discord's enums from discord-api-types rather than a copy", async () => {
    const module = await (await fetch(`${sandbox.url}/discord-constants.js`)).text();
    const { ComponentType, InteractionResponseType, MessageFlags } = await import(`data:text/javascript,${encodeURIComponent(module)}`);
    expect(ComponentType.Label).toBe(18);
    expect(InteractionResponseType.Modal).toBe(9);
    expect(MessageFlags.Loading).toBe(128);
  });

  it('lists servers, users and the commands the bot registered', async () => {
    const session = (await (await fetch(`${sandbox.url}/api/session`)).json()) as {
      guilds: { commands: { name: string }[]; users: { role: string }[] }[];
      dm: { id: string; commands: { name: string }[]; users: { id: string }[] };
    };
    expect(session.guilds).toHaveLength(2);
    expect(session.guilds[0]!.commands.map((command) => command.name).sort()).toEqual([
      'Add to FAQ',
      'Answer with Stackwise',
      'ask',
      'faq',
      'help',
      'stack',
    ]);
    expect(session.guilds[0]!.users.map((user) => user.role)).toEqual(['member', 'moderator']);
    // A DM with the bot offers what Discord would there: no /faq, no message commands.
    expect(session.dm.commands.map((command) => command.name).sort()).toEqual(['ask', 'help', 'stack']);
    expect(session.dm.users).toHaveLength(4);
  });

  it('asks through the real bot, shows the answer, and clicks a related button', async () => {
    const guild = sandbox.emulator.guilds[0]!;
    const actor = { guildId: guild.id, userId: guild.member.id };
    const choices = (await post('/api/autocomplete', {
      ...actor,
      name: 'ask',
      focused: 'question',
      value: 'does netflix use apache sp',
    })) as {
      response: { data: { choices: { value: string }[] } };
    };
    expect(choices.response.data.choices[0]?.value).toBe('Does Netflix use Apache Spark?');
    await post('/api/command', { ...actor, name: 'ask', options: { question: 'Does Netflix use Apache Spark?' } });
    const { messages } = (await (await fetch(`${sandbox.url}/api/messages?guildId=${guild.id}&userId=${guild.member.id}`)).json()) as {
      messages: { id: string; embeds: { title: string }[] }[];
    };
    const answer = messages.at(-1)!;
    expect(answer.embeds[0]?.title).toBe('Does Netflix use Apache Spark?');
    const clicked = (await post('/api/button', { ...actor, messageId: answer.id, customId: 'sw1:o:netflix-database' })) as {
      response: { data: { flags: number } };
    };
    expect(clicked.response.data.flags).toBe(64);
  });

  it('has a help forum where a new post gets its answer in its thread, and a member can reply there', async () => {
    const guild = sandbox.emulator.guilds[0]!;
    const actor = { guildId: guild.id, userId: guild.member.id };
    const session = (await (await fetch(`${sandbox.url}/api/session`)).json()) as {
      guilds: { channels: { id: string; type: number }[] }[];
    };
    const forum = session.guilds[0]!.channels.find((channel) => channel.type === 15)!;
    const answered = sandbox.emulator.waitFor(
      'message',
      (message) => message.author.id === sandbox.emulator.bot.id && message.embeds.length > 0,
    );
    const { thread } = (await post('/api/forum-post', {
      ...actor,
      channelId: forum.id,
      title: 'Storage question',
      content: 'Which database does Netflix use?',
    })) as {
      thread: { id: string };
    };
    expect((await answered).channel_id).toBe(thread.id);
    await post('/api/post', { ...actor, channelId: thread.id, content: 'Thanks!' });
    const { posts } = (await (
      await fetch(`${sandbox.url}/api/forum?guildId=${guild.id}&userId=${guild.member.id}&channelId=${forum.id}`)
    ).json()) as {
      posts: { id: string; name: string; messages: { content: string; embeds: { title?: string }[] }[] }[];
    };
    expect(posts[0]).toMatchObject({ id: thread.id, name: 'Storage question' });
    // The sandbox reads posts whole (its Message Content intent is on): the question in the message was answered.
    expect(posts[0]!.messages.map((message) => message.embeds[0]?.title ?? message.content)).toEqual([
      'Which database does Netflix use?',
      'Which database does Netflix use?',
      'Thanks!',
    ]);
  });

  it('answers in a DM with the bot, apart from the servers', async () => {
    const guild = sandbox.emulator.guilds[0]!;
    const actor = { guildId: 'dm', userId: guild.member.id };
    await post('/api/command', { ...actor, name: 'ask', options: { question: 'Which database does Netflix use?' } });
    const read = async (query: string) =>
      (
        (await (await fetch(`${sandbox.url}/api/messages?${query}`)).json()) as {
          messages: { id: string; channel_id: string; embeds: { title: string }[] }[];
        }
      ).messages;
    const inDm = await read(`guildId=dm&userId=${guild.member.id}`);
    expect(inDm.at(-1)!.embeds[0]?.title).toMatch(/Netflix/);
    expect(inDm.at(-1)!.channel_id).toBe(sandbox.emulator.dmChannel(guild.member.id).id);
    expect((await read(`guildId=${guild.id}&userId=${guild.member.id}`)).map((message) => message.id)).not.toContain(inDm.at(-1)!.id);
  });

  it('answers a message from its Apps menu, as a reply to it', async () => {
    const guild = sandbox.emulator.guilds[1]!;
    const actor = { guildId: guild.id, userId: guild.member.id };
    const { message } = (await post('/api/post', { ...actor, content: 'Does Netflix use Apache Spark?' })) as { message: { id: string } };
    await post('/api/message-command', { ...actor, name: 'Answer with Stackwise', messageId: message.id });
    await expect
      .poll(() => sandbox.emulator.messages(guild.channelId).find((reply) => reply.message_reference?.message_id === message.id)?.embeds[0])
      .toMatchObject({ title: 'Does Netflix use Apache Spark?' });
  });

  it('refuses a request for a user that is not in the server', async () => {
    const response = await fetch(`${sandbox.url}/api/command`, {
      method: 'POST',
      body: JSON.stringify({ guildId: '1', userId: '2', name: 'ask' }),
    });
    expect(response.status).toBe(400);
  });
});

describe('npm start with no token', () => {
  it('starts the sandbox and says where, in one line', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        ...process.env,
        DISCORD_TOKEN: '',
        SANDBOX_PORT: '0',
        CORPUS_DIR: FIXTURE_CORPUS,
        DATA_DIR: path.join(dataDir, 'start'),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const deadline = Date.now() + 20_000;
    while (!/started the local sandbox/.test(output) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const url = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    expect(url).toBeDefined();
    expect((await fetch(url!)).status).toBe(200);
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    expect(await exited).toBe(0);
    clearTimeout(killer);
  });
});

import { once } from 'node:events';
import { ChannelType, Events, GatewayIntentBits, type Message, type ThreadChannel } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { type Connected, startConnected, WAIT_MS } from './helpers.js';

const GUILDS = [{ name: 'Threads Test', channels: ['general', { name: 'help', type: 'forum' as const }] }];
const MESSAGE_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages];

let world: Connected | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

/** The next ThreadCreate and the next MessageCreate the client gets, listened for before anything is sent. */
function nextThreadAndMessage(connected: Connected) {
  const signal = AbortSignal.timeout(WAIT_MS);
  const thread = once(connected.client, Events.ThreadCreate, { signal }) as Promise<[ThreadChannel, boolean]>;
  const message = once(connected.client, Events.MessageCreate, { signal }) as Promise<[Message]>;
  return { thread, message };
}

describe('forum channels and threads', () => {
  it('a forum post is THREAD_CREATE (newly created) and then its starter message, without content unless MESSAGE_CONTENT', async () => {
    world = await startConnected({ guilds: GUILDS }, { intents: MESSAGE_INTENTS });
    const guild = world.emu.guilds[0]!;
    const forum = guild.channels.find((channel) => channel.name === 'help')!;
    expect(world.client.channels.cache.get(forum.id)?.type).toBe(ChannelType.GuildForum);

    const next = nextThreadAndMessage(world);
    const { thread } = world.emu.createForumPost({
      channelId: forum.id,
      userId: guild.member.id,
      title: 'Kafka at Netflix?',
      content: 'secret',
    });
    const [created, newlyCreated] = await next.thread;
    expect(newlyCreated).toBe(true);
    expect(created.id).toBe(thread.id);
    expect(created.parentId).toBe(forum.id);
    expect(created.name).toBe('Kafka at Netflix?');
    expect(created.ownerId).toBe(guild.member.id);
    const [starter] = await next.message;
    expect(starter.id).toBe(thread.id);
    expect(starter.channelId).toBe(thread.id);
    expect(starter.content).toBe('');

    // The bot answers in the thread through REST; a forum itself takes no messages.
    const sent = await created.send({ content: 'an answer' });
    expect(world.emu.messages(thread.id).map((message) => message.id)).toEqual([thread.id, sent.id]);
    expect(world.emu.threadsOf(forum.id)[0]?.message_count).toBe(1);
    const refused = await fetch(`${world.emu.apiBase}/v10/channels/${forum.id}/messages`, {
      method: 'POST',
      headers: { authorization: `Bot ${world.emu.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'no' }),
    });
    expect(((await refused.json()) as { code: number }).code).toBe(50024);
  });

  it('with MESSAGE_CONTENT granted and asked for, the starter message has its content', async () => {
    world = await startConnected(
      { guilds: GUILDS, privilegedIntents: GatewayIntentBits.MessageContent },
      { intents: [...MESSAGE_INTENTS, GatewayIntentBits.MessageContent] },
    );
    const guild = world.emu.guilds[0]!;
    const next = nextThreadAndMessage(world);
    world.emu.createForumPost({ channelId: guild.channels[1]!.id, userId: guild.member.id, title: 'Title', content: 'the body' });
    await next.thread;
    expect((await next.message)[0].content).toBe('the body');
  });

  it('threads in a text channel: from a message (the same id) or standalone; a bot creates forum posts through REST', async () => {
    world = await startConnected({ guilds: GUILDS }, { intents: MESSAGE_INTENTS });
    const guild = world.emu.guilds[0]!;
    const posted = world.emu.postUserMessage({ channelId: guild.channelId, userId: guild.member.id, content: 'a question' });
    let next = once(world.client, Events.ThreadCreate, { signal: AbortSignal.timeout(WAIT_MS) }) as Promise<[ThreadChannel, boolean]>;
    const fromMessage = world.emu.createThread({
      channelId: guild.channelId,
      userId: guild.member.id,
      name: 'About it',
      messageId: posted.id,
    });
    expect(fromMessage.id).toBe(posted.id);
    expect((await next)[0].parentId).toBe(guild.channelId);
    expect(() =>
      world!.emu.createThread({ channelId: guild.channelId, userId: guild.member.id, name: 'Again', messageId: posted.id }),
    ).toThrow();

    const forum = world.client.channels.cache.get(guild.channels[1]!.id);
    if (forum?.type !== ChannelType.GuildForum) throw new Error('no forum');
    next = once(world.client, Events.ThreadCreate, { signal: AbortSignal.timeout(WAIT_MS) }) as Promise<[ThreadChannel, boolean]>;
    const own = await forum.threads.create({ name: 'A post by the bot', message: { content: 'hello' } });
    expect((await next)[0].ownerId).toBe(world.emu.bot.id);
    expect(world.emu.message(own.id)?.content).toBe('hello');
  });
});

import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTO_ANSWER } from '../../src/discord/auto-answer.js';
import type { EmulatedMessage } from '../../src/sandbox/emulator/messages.js';
import type { GuildSeed } from '../../src/sandbox/emulator/seeds.js';
import { type Harness, startHarness } from '../helpers/bot-harness.js';

/** A server with help forums (two opted in, one not), a text channel for threads, and a helper bot. */
const GUILDS: GuildSeed[] = [
  {
    name: 'Forum Test',
    channels: [
      'general',
      { name: 'help', type: 'forum' },
      { name: 'help-more', type: 'forum' },
      { name: 'support', type: 'forum' },
      { name: 'busy', type: 'forum' },
      { name: 'showcase', type: 'forum' },
      'questions',
    ],
    roles: [
      { name: 'Moderator', permissions: String(1n << 5n) },
      { name: 'FAQ helpers', permissions: '0' },
    ],
    members: [
      { username: 'mod', roles: ['Moderator'] },
      { username: 'member' },
      { username: 'stranger' },
      { username: 'helper', roles: ['FAQ helpers'] },
      { username: 'other-bot', bot: true },
    ],
  },
];

type Button = { custom_id: string; label: string; disabled?: boolean };
const buttonsOf = (message: { components: unknown[] }): Button[] =>
  (message.components as { components: Button[] }[]).flatMap((row) => row.components);
const titleOf = (message: EmulatedMessage) => (message.embeds[0] as { title?: string } | undefined)?.title;

/** Bounded wait for a log line: the bot tells in its log what it decided about a post, also when it says nothing. */
async function logged(harness: Harness, msg: string, threadId: string): Promise<Record<string, unknown>> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const line = harness.logs.find(msg).find((candidate) => candidate.threadId === threadId);
    if (line) return line;
    await delay(25);
  }
  throw new Error(`no "${msg}" logged for thread ${threadId}`);
}

function setup(env: Record<string, string>) {
  const world = {} as { harness: Harness };
  beforeAll(async () => {
    world.harness = await startHarness({ env: { ASK_COOLDOWN_LIMIT: '1000', ...env }, guilds: GUILDS });
  });
  afterAll(async () => {
    await world.harness?.stop();
  });
  const guild = () => world.harness.emulator.guilds[0]!;
  const channel = (name: string) => guild().channels.find((candidate) => candidate.name === name)!.id;
  const user = (username: string) => guild().members.find((member) => member.user.username === username)!.user.id;
  const actor = (username: string) => ({ guildId: guild().id, userId: user(username) });
  const settings = async (username: string, options: Record<string, string | number>) => {
    const sent = world.harness.emulator.sendCommand({ ...actor(username), name: 'faq', subcommand: 'settings', options });
    return String((await sent.response).data.content ?? '');
  };
  const post = (forum: string, title: string, content = '', username = 'member') =>
    world.harness.emulator.createForumPost({ channelId: channel(forum), userId: user(username), title, content });
  /** The bot's answer in a thread, once it came. */
  const answerIn = (threadId: string) =>
    world.harness.emulator.waitFor(
      'message',
      (message) => message.channel_id === threadId && message.author.id === world.harness.emulator.bot.id,
    );
  const botMessagesIn = (threadId: string) =>
    world.harness.emulator.messages(threadId).filter((message) => message.author.id === world.harness.emulator.bot.id);
  return { world, guild, channel, user, actor, settings, post, answerIn, botMessagesIn };
}

describe('auto-answer in help forums, with the Message Content intent', () => {
  const { world, guild, channel, user, settings, post, answerIn, botMessagesIn } = setup({ DISCORD_MESSAGE_CONTENT: 'true' });

  it('a member without curator rights cannot opt a channel in; a curator can, and /faq settings lists it', async () => {
    expect(await settings('member', { 'auto-answer': channel('help') })).toMatch(/Only this server’s curators/);
    expect(world.harness.store.autoAnswer.channels(guild().id)).toEqual([]);

    expect(await settings('mod', { 'auto-answer': channel('help') })).toMatch(/I'll answer new posts in <#\d+> when I'm sure/);
    // A curator by role may choose channels too, but not the curator role.
    expect(await settings('mod', { 'curator-role': guild().roles.find((role) => role.name === 'FAQ helpers')!.id })).toMatch(
      /can now curate/,
    );
    expect(await settings('helper', { 'auto-answer': channel('help-more') })).toMatch(/I'll answer new posts/);
    expect(await settings('mod', { 'auto-answer': channel('questions') })).toMatch(/I'll answer new posts/);
    const shown = await settings('mod', {});
    expect(shown).toContain(`I answer new posts in <#${channel('help')}>, <#${channel('help-more')}>, <#${channel('questions')}>`);
    expect(shown).toMatch(/at least 90% sure/);
    expect(world.harness.store.autoAnswer.channels(guild().id)).toHaveLength(3);
  });

  it('answers a new forum post it is sure of, once, in its thread, with votes and "That solved it", pinging nobody', async () => {
    const { thread } = post('help', 'Does Netflix use Apache Spark?', 'We are picking a data platform. @everyone');
    const answer = await answerIn(thread.id);
    expect(titleOf(answer)).toBe('Does Netflix use Apache Spark?');
    expect(answer.channel_id).toBe(thread.id);
    const labels = buttonsOf(answer).map((button) => button.label);
    expect(labels).toEqual(expect.arrayContaining(['Helpful', 'Not helpful', 'That solved it']));
    expect(answer.allowed_mentions).toEqual({ parse: [] });
    expect(answer.mentions).toEqual([]);
    expect(answer.mention_everyone).toBe(false);
  });

  it('reads the first message too: a vague title with the question in the post is answered', async () => {
    const { thread } = post('help', 'Storage question', 'Which database does Netflix use?');
    const answer = await answerIn(thread.id);
    expect(titleOf(answer)).toBe('Which database does Netflix use?');
  });

  it('below the threshold says nothing and queues the question for curators', async () => {
    const { thread } = post('help', 'Does Netflix run Spark for its data pipelines?');
    await logged(world.harness, 'auto-answer: not sure enough, queued', thread.id);
    expect(botMessagesIn(thread.id)).toEqual([]);
    const queued = world.harness.store.unanswered.list(guild().id).map((row) => row.question);
    expect(queued).toContain('Does Netflix run Spark for its data pipelines?');
  });

  it('a curator can ask for more confidence: then an answer /ask would give is queued instead', async () => {
    expect(await settings('mod', { confidence: 100 })).toMatch(/at least 100% sure \(it was 90%\)/);
    // Answered at 97% (the company's stack): enough by default, not for 100%.
    const { thread } = post('help-more', 'Netflix');
    await logged(world.harness, 'auto-answer: not sure enough, queued', thread.id);
    expect(botMessagesIn(thread.id)).toEqual([]);
    expect(await settings('mod', { confidence: 90 })).toMatch(/at least 90% sure \(it was 100%\)/);
  });

  it("never answers its own or another bot's post", async () => {
    const { thread } = post('help', 'Does Netflix use Apache Spark?', '', 'other-bot');
    await logged(world.harness, 'auto-answer: a post by a bot, left alone', thread.id);
    // Its own post, made through REST as a bot would.
    const own = await world.harness.bot.client.channels.fetch(channel('help'));
    if (!own || !('threads' in own)) throw new Error('no forum');
    const created = await (own.threads as { create: (options: unknown) => Promise<{ id: string }> }).create({
      name: 'Does Netflix use Apache Spark?',
      message: { content: 'A post the bot made itself.' },
    });
    // A later post is answered: by then the earlier ones were seen.
    const later = post('help-more', 'Which database does Netflix use?');
    await answerIn(later.thread.id);
    expect(botMessagesIn(thread.id)).toEqual([]);
    expect(botMessagesIn(created.id).map((message) => message.content)).toEqual(['A post the bot made itself.']);
    expect(world.harness.store.autoAnswer.thread(guild().id, thread.id)).toBeUndefined();
  });

  it('a channel not opted in gets nothing', async () => {
    const { thread } = post('showcase', 'Does Netflix use Apache Spark?');
    const later = post('help-more', 'Is Spark used at Netflix?');
    await answerIn(later.thread.id);
    expect(botMessagesIn(thread.id)).toEqual([]);
    expect(world.harness.store.autoAnswer.thread(guild().id, thread.id)).toBeUndefined();
  });

  it('answers a new thread in an opted-in text channel, from its title', async () => {
    const thread = world.harness.emulator.createThread({
      channelId: channel('questions'),
      userId: user('member'),
      name: 'Which database does Netflix use?',
    });
    world.harness.emulator.postUserMessage({ channelId: thread.id, userId: user('member'), content: 'Thanks in advance!' });
    const answer = await answerIn(thread.id);
    expect(titleOf(answer)).toBe('Which database does Netflix use?');
  });

  it('"That solved it" is refused for a stranger; the author marks it, and the button becomes "Solved"', async () => {
    const { thread } = post('help-more', 'What are the 3 Cs of microservices?');
    const answer = await answerIn(thread.id);
    const solved = buttonsOf(answer).find((button) => button.label === 'That solved it')!;
    const refused = await world.harness.emulator.clickButton({ messageId: answer.id, customId: solved.custom_id, userId: user('stranger') })
      .response;
    expect(String(refused.data.content)).toMatch(/Only the person who started this post, or a curator/);
    expect(world.harness.store.autoAnswer.thread(guild().id, thread.id)?.solvedBy).toBeNull();

    // A vote keeps the button.
    const helpful = buttonsOf(answer).find((button) => button.label === 'Helpful')!;
    await world.harness.emulator.clickButton({ messageId: answer.id, customId: helpful.custom_id, userId: user('stranger') }).response;
    expect(buttonsOf(world.harness.emulator.message(answer.id)!).map((button) => button.label)).toContain('That solved it');

    await world.harness.emulator.clickButton({ messageId: answer.id, customId: solved.custom_id, userId: user('member') }).response;
    const after = buttonsOf(world.harness.emulator.message(answer.id)!).find((button) => button.label === 'Solved');
    expect(after?.disabled).toBe(true);
    expect(world.harness.store.autoAnswer.thread(guild().id, thread.id)?.solvedBy).toBe(user('member'));
  });

  it('a curator turns a human reply in a post into an entry: "Add to FAQ" opens the form with the post as the question', async () => {
    const { thread } = post('help', 'How do we page the on-call team?');
    await logged(world.harness, 'auto-answer: not sure enough, queued', thread.id);
    const reply = world.harness.emulator.postUserMessage({
      channelId: thread.id,
      userId: user('helper'),
      content: 'Use the PagerDuty rotation.',
    });
    const sent = world.harness.emulator.sendMessageContextMenu({ name: 'Add to FAQ', messageId: reply.id, userId: user('mod') });
    const form = (await sent.response).data as { components: { component: { custom_id: string; value?: string } }[] };
    const values = Object.fromEntries(form.components.map(({ component }) => [component.custom_id, component.value]));
    expect(values).toMatchObject({ question: 'How do we page the on-call team?', answer: 'Use the PagerDuty rotation.' });
    const queued = () => world.harness.store.unanswered.list(guild().id).map((row) => row.question);
    expect(queued()).toContain('How do we page the on-call team?');
    const form2 = (await sent.response).data as { custom_id: string };
    const saved = await world.harness.emulator.submitModal({
      guildId: guild().id,
      userId: user('mod'),
      customId: form2.custom_id,
      fields: { question: 'How do we page the on-call team?', answer: 'Use the PagerDuty rotation.', tags: 'PagerDuty' },
    }).response;
    expect(String(saved.data.content)).toMatch(/Added/);
    // The post's question no longer waits in the queue: the entry answers it.
    expect(queued()).not.toContain('How do we page the on-call team?');
    const refused = await world.harness.emulator.sendMessageContextMenu({
      name: 'Add to FAQ',
      messageId: reply.id,
      userId: user('stranger'),
    }).response;
    expect(String(refused.data.content)).toMatch(/Only this server’s curators/);
  });

  it('keeps quiet in a busy channel: past the cooldown, a post it could answer gets nothing', async () => {
    expect(await settings('mod', { 'auto-answer': channel('busy') })).toMatch(/I'll answer new posts/);
    for (let index = 0; index < AUTO_ANSWER.cooldown.limit; index += 1) {
      await answerIn(post('busy', 'Does Netflix use Apache Spark?').thread.id);
    }
    const { thread } = post('busy', 'Which database does Netflix use?');
    await logged(world.harness, 'auto-answer: the channel is in its cooldown, left alone', thread.id);
    expect(botMessagesIn(thread.id)).toEqual([]);
  });

  it('answers a thread once: not again when Discord repeats THREAD_CREATE or updates it, nor after a restart', async () => {
    expect(await settings('mod', { 'auto-answer': channel('support') })).toMatch(/I'll answer new posts/);
    const { thread } = post('support', 'Is Spark used at Netflix?');
    await answerIn(thread.id);
    world.harness.emulator.replayThreadCreate(thread.id);
    world.harness.emulator.updateThread(thread.id, { name: 'Is Spark used at Netflix? (edited)' });

    await world.harness.restart();
    // Even a client that has never seen the thread (nothing cached) and gets THREAD_CREATE for it stays quiet.
    world.harness.bot.client.channels.cache.delete(thread.id);
    world.harness.emulator.replayThreadCreate(thread.id);
    await logged(world.harness, 'auto-answer: this thread was handled already', thread.id);
    const later = post('support', 'What are the 3 Cs of microservices?');
    await answerIn(later.thread.id);
    expect(botMessagesIn(thread.id)).toHaveLength(1);
  });
});

describe('auto-answer without the Message Content intent', () => {
  const { world, guild, channel, settings, post } = setup({});

  it('reads only the title: the question in the first message is not seen, so the post is queued', async () => {
    expect(await settings('mod', { 'auto-answer': channel('help') })).toMatch(/I'll answer new posts/);
    const { thread } = post('help', 'Storage question', 'Which database does Netflix use?');
    const decided = await logged(world.harness, 'auto-answer: not sure enough, queued', thread.id);
    expect(decided.usedContent).toBe(false);
    expect(world.harness.emulator.messages(thread.id).filter((message) => message.author.bot)).toEqual([]);
    expect(world.harness.store.unanswered.list(guild().id).map((row) => row.question)).toContain('Storage question');
  });
});

import { PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatedMessage, type OptionValue, snowflake } from '../../src/sandbox/emulator/index.js';
import { type Harness, startHarness } from '../helpers/bot-harness.js';

/**
 * Answering where the question is: "Answer with Stackwise" on a message, `/ask for:`, and /ask from DMs and from
 * a user's own install, in a server that has not added the bot.
 */
let harness: Harness;
/** One person, a member of server A and of a server that has not added the bot. */
const sharedUserId = snowflake();
const serverEntryMarker = 'per the Acme wiki, a server-only answer';

beforeAll(async () => {
  harness = await startHarness({
    // These tests ask often, as the same person; the rate limit has its own test.
    env: { ASK_COOLDOWN_LIMIT: '1000' },
    guilds: [
      {
        name: 'Stackwise Sandbox A',
        members: [
          { username: 'a-moderator', roles: ['Moderator'] },
          { username: 'a-member', id: sharedUserId },
        ],
      },
      { name: 'Stackwise Sandbox B' },
      { name: 'Elsewhere Club', botInstalled: false, members: [{ username: 'a-member', id: sharedUserId }] },
      // The bot may read here but not write, so it cannot post a reply.
      { name: 'Read Only', botPermissions: PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ReadMessageHistory },
    ],
  });
  // Server A's own entry, for a question people also ask elsewhere.
  const added = harness.live.curation.add(
    guildA().id,
    {
      question: 'Which message queue does Netflix use for video encoding?',
      answer: `Kafka, ${serverEntryMarker}.`,
      phrasings: [],
      tags: ['Netflix', 'Apache Kafka'],
      sources: [],
    },
    { id: guildA().moderator.id, name: 'a-moderator' },
  );
  expect(added.status).toBe('saved');
});
afterAll(async () => {
  await harness?.stop();
});

const guildA = () => harness.emulator.guilds[0]!;
const elsewhere = () => harness.emulator.guilds[2]!;
const inA = (userId: string) => ({ guildId: guildA().id, userId });
type Button = { custom_id: string; label: string };
const buttonsOf = (message: { components: unknown[] }): Button[] =>
  (message.components as { components: Button[] }[]).flatMap((row) => row.components);
const footerOf = (message: EmulatedMessage) => (message.embeds[0] as { footer: { text: string } }).footer.text;

/** The next message that replies to `messageId`. */
const replyTo = (messageId: string) =>
  harness.emulator.waitFor('message', (message) => message.message_reference?.message_id === messageId);

describe('"Answer with Stackwise" on a message', () => {
  it('answers the message in the channel, as a reply to it, pinging nobody, its author included', async () => {
    const question = harness.emulator.postUserMessage({
      channelId: guildA().channelId,
      userId: sharedUserId,
      content: 'Does Netflix use Apache Spark?',
    });
    const replied = replyTo(question.id);
    const sent = harness.emulator.sendMessageContextMenu({
      name: 'Answer with Stackwise',
      messageId: question.id,
      userId: guildA().moderator.id,
    });
    await sent.response;
    const reply = await replied;
    expect(reply.visibleTo).toBeUndefined();
    expect(reply.channel_id).toBe(guildA().channelId);
    expect(reply.type).toBe(19);
    expect((reply.embeds[0] as { title: string }).title).toBe('Does Netflix use Apache Spark?');
    expect(buttonsOf(reply).map((button) => button.label)).toEqual(expect.arrayContaining(['Helpful', 'Not helpful']));
    expect(reply.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(reply.mentions).toEqual([]);
    expect(reply.mention_everyone).toBe(false);
    // The private "thinking" acknowledgement is gone once the reply is posted.
    await expect.poll(() => harness.emulator.originalMessage(sent.id)).toBeUndefined();
    // Its vote buttons work like any answer's, counted in this server.
    await harness.emulator.clickButton(inA(sharedUserId), reply, 'sw1:u:netflix-uses-apache-spark').response;
    expect(footerOf(harness.emulator.message(reply.id)!)).toMatch(/100% helpful \(1 vote\)/);
    expect(harness.store.votes.tally(guildA().id, 'netflix-uses-apache-spark')).toEqual({ helpful: 1, notHelpful: 0 });
  });

  it('when unsure, tells only the person who used it, with the closest questions, and posts nothing', async () => {
    const question = harness.emulator.postUserMessage({
      channelId: guildA().channelId,
      userId: sharedUserId,
      content: 'Does Netflix use Rust?',
    });
    const before = harness.emulator.messages(guildA().channelId).length;
    const sent = harness.emulator.sendMessageContextMenu({
      name: 'Answer with Stackwise',
      messageId: question.id,
      userId: guildA().moderator.id,
    });
    const response = await sent.response;
    expect(response.type).toBe(4);
    expect(response.data.flags).toBe(64);
    expect(String(response.data.content)).toMatch(/I'm not sure/);
    expect(buttonsOf(response.data as { components: unknown[] })[0]?.custom_id).toMatch(/^sw1:o:/);
    expect(harness.emulator.originalMessage(sent.id)?.visibleTo).toBe(guildA().moderator.id);
    expect(harness.emulator.messages(guildA().channelId)).toHaveLength(before);
    await expect.poll(() => harness.store.unanswered.list(guildA().id).map((row) => row.question)).toContain('Does Netflix use Rust?');
  });

  it('where the bot cannot post, it answers through the interaction, linking the message, still pinging nobody', async () => {
    const guild = harness.emulator.guilds[3]!;
    const question = harness.emulator.postUserMessage({
      channelId: guild.channelId,
      userId: guild.member.id,
      content: 'Does Netflix use Apache Spark?',
    });
    const sent = harness.emulator.sendMessageContextMenu({
      name: 'Answer with Stackwise',
      messageId: question.id,
      userId: guild.moderator.id,
    });
    const response = await sent.response;
    expect(response.type).toBe(4);
    expect(response.data.flags ?? 0).toBe(0);
    expect(String(response.data.content)).toContain(`/channels/${guild.id}/${guild.channelId}/${question.id}`);
    expect(response.data.allowed_mentions).toEqual({ parse: [] });
    expect(harness.emulator.originalMessage(sent.id)!.mentions).toEqual([]);
  });

  it('a message with no text gets a polite note', async () => {
    const question = harness.emulator.postUserMessage({
      channelId: guildA().channelId,
      userId: sharedUserId,
      content: '',
      embeds: [{ title: 'A link preview', description: 'Does Netflix use Kafka?' }],
    });
    const response = await harness.emulator.sendMessageContextMenu({
      name: 'Answer with Stackwise',
      messageId: question.id,
      userId: guildA().member.id,
    }).response;
    expect(response.data.flags).toBe(64);
    expect(String(response.data.content)).toMatch(/no text I can answer/);
  });
});

describe('/ask for:', () => {
  it('names that person above the answer and may mention only them', async () => {
    const target = guildA().moderator.id;
    const sent = harness.emulator.sendCommand({
      ...inA(sharedUserId),
      name: 'ask',
      options: { question: 'Does Netflix use Apache Spark? @everyone', for: target },
    });
    const response = await sent.response;
    expect(response.data.flags ?? 0).toBe(0);
    expect(String(response.data.content)).toMatch(new RegExp(`^<@${target}>, here is`));
    expect(response.data.allowed_mentions).toEqual({ parse: [], users: [target] });
    const message = harness.emulator.originalMessage(sent.id)!;
    expect(message.mentions.map((user) => user.id)).toEqual([target]);
    expect(message.mention_everyone).toBe(false);
    expect(message.mention_roles).toEqual([]);
  });

  it('mentions nobody when the answer is private or unsure', async () => {
    const target = guildA().moderator.id;
    const cases: Record<string, OptionValue>[] = [
      { question: 'Does Netflix use Apache Spark?', for: target, private: true },
      { question: 'Does Netflix use Rust?', for: target },
    ];
    for (const options of cases) {
      const sent = harness.emulator.sendCommand({ ...inA(sharedUserId), name: 'ask', options });
      const response = await sent.response;
      expect(response.data.flags).toBe(64);
      expect(response.data.allowed_mentions).toEqual({ parse: [] });
      expect(String(response.data.content ?? '')).not.toContain(`<@${target}>`);
      expect(harness.emulator.originalMessage(sent.id)!.mentions).toEqual([]);
    }
  });
});

describe('DMs and user installs', () => {
  const billing = 'Which message queue does Netflix use for video encoding?';

  it("in server A, the server's own entry answers", async () => {
    const response = await harness.emulator.sendCommand({ ...inA(sharedUserId), name: 'ask', options: { question: billing } }).response;
    expect(JSON.stringify(response.data.embeds)).toContain(serverEntryMarker);
  });

  it('/ask in a DM with the bot answers from the shipped corpus, and never with a server entry', async () => {
    const spark = harness.emulator.sendCommand({
      userId: sharedUserId,
      name: 'ask',
      options: { question: 'Does Netflix use Apache Spark?' },
    });
    expect(spark.payload.context).toBe(1);
    expect(spark.payload.guild_id).toBeUndefined();
    expect(spark.payload.member).toBeUndefined();
    expect(spark.payload.user?.id).toBe(sharedUserId);
    expect(spark.payload.authorizing_integration_owners).toEqual({ 0: '0' });
    // Every interaction carries the user's locale; only one in a guild carries the guild's.
    expect(spark.payload.locale).toBe('en-US');
    expect(spark.payload.guild_locale).toBeUndefined();
    const answer = await spark.response;
    expect((answer.data.embeds as { title: string }[])[0]?.title).toBe('Does Netflix use Apache Spark?');
    expect(harness.emulator.originalMessage(spark.id)!.channel_id).toBe(harness.emulator.dmChannel(sharedUserId).id);

    const response = await harness.emulator.sendCommand({ userId: sharedUserId, name: 'ask', options: { question: billing } }).response;
    expect(JSON.stringify(response.data)).not.toContain(serverEntryMarker);
  });

  it('a user install answers in a server that has not added the bot, from the shipped corpus only', async () => {
    const asking = { guildId: elsewhere().id, userId: sharedUserId, name: 'ask', options: { question: billing } };
    // Without the app on their account, a Discord client would not offer /ask there.
    expect(() => harness.emulator.sendCommand(asking)).toThrow(/not available/);
    harness.emulator.installForUser(sharedUserId);
    const sent = harness.emulator.sendCommand(asking);
    expect(sent.payload.context).toBe(0);
    expect(sent.payload.authorizing_integration_owners).toEqual({ 1: sharedUserId });
    const response = await sent.response;
    expect(JSON.stringify(response.data)).not.toContain(serverEntryMarker);

    const stack = await harness.emulator.sendCommand({
      guildId: elsewhere().id,
      userId: sharedUserId,
      name: 'stack',
      options: { company: 'Netflix' },
    }).response;
    expect(stack.type).toBe(4);
    expect(JSON.stringify(stack.data.embeds)).toContain('Netflix');
  });

  it('a user install answers in a DM between two people too', async () => {
    const channel = harness.emulator.dmChannel(sharedUserId, guildA().moderator.id);
    const sent = harness.emulator.sendCommand({ userId: sharedUserId, channelId: channel.id, name: 'ask', options: { question: billing } });
    expect(sent.payload.context).toBe(2);
    expect(JSON.stringify((await sent.response).data)).not.toContain(serverEntryMarker);
  });

  it("an unanswered question from a DM or a user install never lands in a server's queue", async () => {
    await harness.emulator.sendCommand({
      guildId: elsewhere().id,
      userId: sharedUserId,
      name: 'ask',
      options: { question: 'Does Netflix use Cobol?' },
    }).response;
    await expect.poll(() => harness.store.unanswered.list('dm').map((row) => row.question)).toContain('Does Netflix use Cobol?');
    for (const guild of harness.emulator.guilds) {
      expect(harness.store.unanswered.list(guild.id).map((row) => row.question)).not.toContain('Does Netflix use Cobol?');
    }
  });

  it("votes from a DM and a user install count once per user, outside every server's tally", async () => {
    const entryId = 'netflix-database';
    const ask = (where: { guildId?: string; userId: string }) =>
      harness.emulator.sendCommand({ ...where, name: 'ask', options: { question: 'Which database does Netflix use?' } });
    const inDm = ask({ userId: sharedUserId });
    await inDm.response;
    const dmAnswer = harness.emulator.originalMessage(inDm.id)!;
    expect(dmAnswer.guild_id).toBeUndefined();
    await harness.emulator.clickButton({ messageId: dmAnswer.id, customId: `sw1:u:${entryId}`, userId: sharedUserId }).response;
    expect(footerOf(harness.emulator.message(dmAnswer.id)!)).toMatch(/100% helpful \(1 vote\)/);
    expect(harness.store.votes.tally('dm', entryId)).toEqual({ helpful: 1, notHelpful: 0 });

    // The same person, from their install in another server: still their one vote, which the same button takes back.
    const viaInstall = ask({ guildId: elsewhere().id, userId: sharedUserId });
    await viaInstall.response;
    const installAnswer = harness.emulator.originalMessage(viaInstall.id)!;
    await harness.emulator.clickButton({ messageId: installAnswer.id, customId: `sw1:u:${entryId}`, userId: sharedUserId }).response;
    expect(harness.store.votes.tally('dm', entryId)).toEqual({ helpful: 0, notHelpful: 0 });
    await harness.emulator.clickButton({ messageId: installAnswer.id, customId: `sw1:d:${entryId}`, userId: sharedUserId }).response;
    expect(footerOf(harness.emulator.message(installAnswer.id)!)).toMatch(/0% helpful \(1 vote\)/);

    for (const guild of harness.emulator.guilds)
      expect(harness.store.votes.tally(guild.id, entryId)).toEqual({ helpful: 0, notHelpful: 0 });
    // A related-question button works there too, and answers from the shipped corpus.
    const related = buttonsOf(installAnswer).find((button) => button.custom_id.startsWith('sw1:o:'))!;
    const opened = await harness.emulator.clickButton({ messageId: installAnswer.id, customId: related.custom_id, userId: sharedUserId })
      .response;
    expect(opened.data.flags).toBe(64);
    expect(opened.data.embeds).toHaveLength(1);
  });

  it('/faq is not offered in a DM, and curation refuses a DM or a server that has not added the bot', async () => {
    expect(() => harness.emulator.sendCommand({ userId: guildA().moderator.id, name: 'faq', subcommand: 'add' })).toThrow(/not offered/);
    expect(() =>
      harness.emulator.sendMessageContextMenu({
        name: 'Answer with Stackwise',
        messageId: harness.emulator.messages(harness.emulator.dmChannel(sharedUserId).id)[0]!.id,
        userId: sharedUserId,
      }),
    ).toThrow(/not offered/);
    // Buttons carry no permission: a forged curation button is refused server-side, in a DM ...
    const dmAnswer = harness.emulator.messages(harness.emulator.dmChannel(sharedUserId).id)[0]!;
    const inDm = await harness.emulator.clickButton({ messageId: dmAnswer.id, customId: 'sw1:qd:1', userId: sharedUserId }).response;
    expect(String(inDm.data.content)).toMatch(/works inside a server that has added Stackwise/);
    // ... and from a Manage Server member of a server that has not added the bot.
    const owner = elsewhere().members[0]!.user.id;
    harness.emulator.installForUser(owner);
    const sent = harness.emulator.sendCommand({
      guildId: elsewhere().id,
      userId: owner,
      name: 'ask',
      options: { question: 'Does Netflix use Apache Spark?' },
    });
    await sent.response;
    const forged = await harness.emulator.clickButton({
      messageId: harness.emulator.originalMessage(sent.id)!.id,
      customId: 'sw1:qd:1',
      userId: owner,
    }).response;
    expect(String(forged.data.content)).toMatch(/works inside a server that has added Stackwise/);
  });

  it('logged no failed interaction along the way', () => {
    expect(harness.logs.find('interaction failed')).toEqual([]);
  });
});

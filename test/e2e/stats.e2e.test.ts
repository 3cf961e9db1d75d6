import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatedMessage } from '../../src/sandbox/emulator/messages.js';
import { type Harness, startHarness } from '../helpers/bot-harness.js';

let harness: Harness;
beforeAll(async () => {
  // Members here ask often; the /ask cooldown is not what these tests are about.
  harness = await startHarness({ env: { ASK_COOLDOWN_LIMIT: '1000' } });
});
afterAll(async () => {
  await harness?.stop();
});

type Embed = { title?: string; description?: string; fields?: { name: string; value: string }[]; image?: { url: string } };
const guild = (index: 0 | 1) => harness.emulator.guilds[index]!;
const member = (index: 0 | 1 = 0) => ({ guildId: guild(index).id, userId: guild(index).member.id });
const moderator = (index: 0 | 1 = 0) => ({ guildId: guild(index).id, userId: guild(index).moderator.id });
type Actor = ReturnType<typeof member>;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Asks, and waits (bounded) until the bot has logged the question, which it does just after replying. */
async function ask(actor: Actor, question: string): Promise<{ status: string; message: EmulatedMessage }> {
  const logged = () => harness.store.db.prepare('SELECT COUNT(*) FROM ask_log WHERE guild_id = ?').pluck().get(actor.guildId) as number;
  const before = logged();
  const sent = harness.emulator.sendCommand(actor, 'ask', { question });
  const response = await sent.response;
  const deadline = Date.now() + 2000;
  while (logged() === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(logged()).toBe(before + 1);
  const embed = ((response.data.embeds as Embed[] | undefined) ?? [])[0];
  const content = String(response.data.content ?? '');
  const status = embed?.title === question ? 'answered' : /I'm not sure/.test(content) ? 'unsure' : 'out_of_scope';
  return { status, message: harness.emulator.originalMessage(sent.id)! };
}

async function vote(actor: Actor, message: EmulatedMessage, direction: 'u' | 'd', entryId: string) {
  const response = await harness.emulator.clickButton(actor, message, `sw1:${direction}:${entryId}`).response;
  expect(response.type).toBe(7);
}

/** /faq stats, waited on until the deferred reply is edited with the stats. */
async function stats(actor: Actor): Promise<EmulatedMessage> {
  const sent = harness.emulator.sendCommand({ ...actor, name: 'faq', subcommand: 'stats' });
  const edited = harness.emulator.waitFor(
    'messageUpdate',
    (message) => message.interactionId === sent.id && message.embeds.length > 0,
    20_000,
  );
  const response = await sent.response;
  expect(response.type).toBe(5);
  expect(response.data.flags).toBe(64);
  return edited;
}

const field = (embed: Embed, name: string) => embed.fields?.find((candidate) => candidate.name === name)?.value ?? '';

describe('/faq stats', () => {
  it('counts a scripted set of questions: shares, most asked, most and least helpful, top unanswered, and a chart', async () => {
    const spark = await ask(member(), 'Does Netflix use Apache Spark?');
    expect(spark.status).toBe('answered');
    await ask(member(), 'Does Netflix use Apache Spark?');
    await ask(moderator(), 'Does Netflix use Apache Spark?');
    const database = await ask(member(), 'Which database does Netflix use?');
    expect(database.status).toBe('answered');
    expect((await ask(member(), 'Does Netflix use Rust?')).status).toBe('unsure');
    expect((await ask(moderator(), 'does netflix use rust')).status).toBe('unsure');
    expect((await ask(member(), 'How much do Netflix plans cost?')).status).toBe('out_of_scope');
    expect((await ask(member(), 'How much do Netflix plans cost?')).status).toBe('out_of_scope');
    await vote(member(), spark.message, 'u', 'netflix-uses-apache-spark');
    await vote(moderator(), spark.message, 'u', 'netflix-uses-apache-spark');
    await vote(member(), database.message, 'd', 'netflix-database');

    const message = await stats(moderator());
    expect(message.visibleTo).toBe(guild(0).moderator.id);
    expect(message.allowed_mentions).toEqual({ parse: [] });
    const [week, month] = message.embeds as Embed[];
    expect(week!.title).toBe('Last 7 days');
    expect(month!.title).toBe('Last 30 days');
    for (const embed of [week!, month!]) {
      expect(embed.description).toBe('**8 questions** asked: **4** answered (50%), **2** unsure (25%), **2** out of scope (25%)');
      expect(field(embed, 'Most asked entries')).toBe(
        '**1.** Does Netflix use Apache Spark? · 3×\n**2.** Which database does Netflix use? · 1×',
      );
      expect(field(embed, 'Most helpful')).toBe('**1.** Does Netflix use Apache Spark? · 👍 2 · 👎 0');
      expect(field(embed, 'Least helpful')).toBe('**1.** Which database does Netflix use? · 👍 0 · 👎 1');
      // Both asked twice; the one asked last comes first.
      expect(field(embed, 'Top unanswered')).toBe(
        '**1.** How much do Netflix plans cost? · asked 2×\n**2.** Does Netflix use Rust? · asked 2×',
      );
    }

    // The chart: a PNG attachment that the 30-day embed shows.
    expect(message.attachments).toHaveLength(1);
    const [chart] = message.attachments;
    expect(chart!.filename).toBe('questions-per-day.png');
    expect(month!.image?.url).toBe(chart!.url);
    expect(week!.image).toBeUndefined();
    const bytes = Buffer.from(await (await fetch(chart!.url)).arrayBuffer());
    expect(bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  });

  it('refuses a member without curator rights', async () => {
    const response = await harness.emulator.sendCommand({ ...member(), name: 'faq', subcommand: 'stats' }).response;
    expect(response.type).toBe(4);
    expect(response.data.flags).toBe(64);
    expect(String(response.data.content)).toMatch(/Only this server’s curators/);
  });

  it("shows another server only its own questions, none of the first server's", async () => {
    const before = await stats(moderator(1));
    expect((before.embeds as Embed[]).map((embed) => embed.description)).toEqual([
      'No questions asked in these days.',
      'No questions asked in these days.',
    ]);
    // Nothing to draw: no chart.
    expect(before.attachments).toEqual([]);

    expect((await ask(member(1), 'Which database does Netflix use?')).status).toBe('answered');
    const message = await stats(moderator(1));
    const [week, month] = message.embeds as Embed[];
    for (const embed of [week!, month!]) {
      expect(embed.description).toBe('**1 question** asked: **1** answered (100%), **0** unsure (0%), **0** out of scope (0%)');
      expect(field(embed, 'Most asked entries')).toBe('**1.** Which database does Netflix use? · 1×');
      expect(embed.fields?.map((candidate) => candidate.name)).toEqual(['Most asked entries']);
    }
    expect(JSON.stringify(message.embeds)).not.toMatch(/Spark|Rust|plans/);
  });

  it('logged no failed interaction along the way', () => {
    expect(harness.logs.find('interaction failed')).toEqual([]);
    expect(harness.logs.find('could not draw the stats chart')).toEqual([]);
  });
});

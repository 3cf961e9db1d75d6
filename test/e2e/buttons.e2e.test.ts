import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/bot-harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.stop();
});

type Button = { custom_id: string; label: string };
const buttonsOf = (message: { components: unknown[] }): Button[] =>
  (message.components as { components: Button[] }[]).flatMap((row) => row.components);
const guildA = () => harness.emulator.guilds[0]!;
const asMember = () => ({ guildId: guildA().id, userId: guildA().member.id });
const asModerator = () => ({ guildId: guildA().id, userId: guildA().moderator.id });

async function askPublicly(question: string) {
  const sent = harness.emulator.sendCommand(asMember(), 'ask', { question });
  await sent.response;
  return harness.emulator.originalMessage(sent.id)!;
}

describe('buttons', () => {
  it('related question -> ephemeral answer -> browsing in place -> post in channel', async () => {
    const answer = await askPublicly('Does Netflix use Apache Spark?');
    const channelBefore = harness.emulator.messages(guildA().channelId).length;

    const click = harness.emulator.clickButton(asMember(), answer, 'sw1:o:netflix-database');
    const first = await click.response;
    expect(first.type).toBe(4);
    expect(first.data.flags).toBe(64);
    const ephemeral = harness.emulator.originalMessage(click.id)!;
    expect(ephemeral.visibleTo).toBe(guildA().member.id);
    expect((ephemeral.embeds[0] as { title: string }).title).toBe('Which database does Netflix use?');
    expect(buttonsOf(ephemeral).map((button) => button.label)).toContain('Post in channel');

    const related = buttonsOf(ephemeral).find((button) => button.custom_id.startsWith('sw1:o:'))!;
    const browse = await harness.emulator.clickButton(asMember(), ephemeral, related.custom_id).response;
    expect(browse.type).toBe(7);
    expect(harness.emulator.ephemeralMessages(guildA().member.id).filter((message) => message.id === ephemeral.id)).toHaveLength(1);
    expect((harness.emulator.message(ephemeral.id)!.embeds[0] as { title: string }).title).not.toBe('Which database does Netflix use?');

    const post = buttonsOf(harness.emulator.message(ephemeral.id)!).find((button) => button.label === 'Post in channel')!;
    const posted = await harness.emulator.clickButton(asMember(), harness.emulator.message(ephemeral.id)!, post.custom_id).response;
    expect(posted.type).toBe(4);
    expect(posted.data.flags ?? 0).toBe(0);
    expect(posted.data.allowed_mentions).toEqual({ parse: [] });
    expect(harness.emulator.messages(guildA().channelId).length).toBe(channelBefore + 1);
  });

  it('on an answer only its reader sees, their vote shows as pressed until they take it back', async () => {
    const sent = harness.emulator.sendCommand(asMember(), 'ask', { question: 'Which database does Netflix use?', private: true });
    await sent.response;
    const answer = harness.emulator.originalMessage(sent.id)!;
    const labels = () => buttonsOf(harness.emulator.message(answer.id)!).map((button) => button.label);
    expect(labels()).toContain('Helpful');
    await harness.emulator.clickButton(asMember(), answer, 'sw1:u:netflix-database').response;
    expect(labels()).toContain('Helpful ✓');
    await harness.emulator.clickButton(asMember(), harness.emulator.message(answer.id)!, 'sw1:d:netflix-database').response;
    expect(labels()).toEqual(expect.arrayContaining(['Helpful', 'Not helpful ✓']));
    await harness.emulator.clickButton(asMember(), harness.emulator.message(answer.id)!, 'sw1:d:netflix-database').response;
    expect(labels()).toEqual(expect.arrayContaining(['Helpful', 'Not helpful']));
  });

  it('counts one vote per user: change it, take it back, and keep it across a restart', async () => {
    const answer = await askPublicly('Which database does Netflix use?');
    const footer = () => (harness.emulator.message(answer.id)!.embeds[0] as { footer: { text: string } }).footer.text;

    const lastNoteFor = (userId: string) => harness.emulator.ephemeralMessages(userId).at(-1)?.content;
    await harness.emulator.clickButton(asMember(), answer, 'sw1:u:netflix-database').response;
    expect(footer()).toMatch(/100% helpful \(1 vote\)/);
    await expect.poll(() => lastNoteFor(asMember().userId)).toMatch(/you marked this answer helpful/);
    await harness.emulator.clickButton(asModerator(), harness.emulator.message(answer.id)!, 'sw1:d:netflix-database').response;
    expect(footer()).toMatch(/50% helpful \(2 votes\)/);
    await harness.emulator.clickButton(asModerator(), harness.emulator.message(answer.id)!, 'sw1:u:netflix-database').response;
    expect(footer()).toMatch(/100% helpful \(2 votes\)/);
    await harness.emulator.clickButton(asModerator(), harness.emulator.message(answer.id)!, 'sw1:u:netflix-database').response;
    expect(footer()).toMatch(/100% helpful \(1 vote\)/);
    await expect.poll(() => lastNoteFor(asModerator().userId)).toBe('Your vote is withdrawn.');

    await harness.restart();
    const again = await askPublicly('Which database does Netflix use?');
    expect((again.embeds[0] as { footer: { text: string } }).footer.text).toMatch(/100% helpful \(1 vote\)/);
    // A button made before the restart still works.
    const afterRestart = await harness.emulator.clickButton(asModerator(), answer, 'sw1:o:netflix-uses-apache-spark').response;
    expect(afterRestart.type).toBe(4);
  });

  it('answers a button for a removed entry with a note and the closest current entry', async () => {
    const answer = await askPublicly('Does Netflix use Apache Spark?');
    const response = await harness.emulator.clickButton(asMember(), answer, 'sw1:o:netflix-uses-apache-flink-old').response;
    expect(response.data.flags).toBe(64);
    expect(String(response.data.content)).toMatch(/changed or removed/);
    expect((response.data.embeds as { title: string }[])[0]?.title).toMatch(/Netflix/);
  });

  it('refuses a forged or malformed custom_id with a polite note and a warn log', async () => {
    const answer = await askPublicly('Does Netflix use Apache Spark?');
    for (const customId of ['sw9:o:netflix-database', 'sw1:z:netflix-database', 'not-ours', 'sw1:o:../../etc/passwd']) {
      const response = await harness.emulator.clickButton(asMember(), answer, customId).response;
      expect(response.data.flags, customId).toBe(64);
      expect(String(response.data.content)).toMatch(/isn't one I can use/);
    }
    expect(harness.logs.find('refused a malformed or forged button').length).toBeGreaterThanOrEqual(4);
  });

  it('logged no failed interaction along the way', () => {
    expect(harness.logs.find('interaction failed')).toEqual([]);
    expect(harness.logs.find('could not tell the user about the error')).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/bot-harness.js';
import { SHIPPED_CORPUS } from '../helpers/fixture.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ corpusDir: SHIPPED_CORPUS, env: { ASK_COOLDOWN_LIMIT: '1000' } });
});
afterAll(async () => {
  await harness?.stop();
});

type Button = { custom_id: string; label: string };
type Embed = { title: string; description: string; fields?: { name: string; value: string; inline?: boolean }[] };
const buttonsOf = (message: { components: unknown[] }): Button[] =>
  (message.components as { components: Button[] }[]).flatMap((row) => row.components);
const guild = () => harness.emulator.guilds[0]!;
const member = () => ({ guildId: guild().id, userId: guild().member.id });

async function ask(question: string) {
  const sent = harness.emulator.sendCommand(member(), 'ask', { question });
  await sent.response;
  return harness.emulator.originalMessage(sent.id)!;
}

describe('questions about several companies or technologies, answered from the facts', () => {
  it('compares two companies, one embed field each, and its related buttons still work after a restart', async () => {
    const message = await ask('netflix vs spotify databases');
    const [embed] = message.embeds as Embed[];
    expect(embed?.title).toBe('Netflix vs Spotify: databases');
    expect(embed?.fields?.slice(0, 2).map((field) => field.name)).toEqual(['Netflix', 'Spotify']);
    expect(embed?.fields?.[0]?.value).toMatch(/Cassandra/);
    const related = buttonsOf(message).filter((button) => button.custom_id.startsWith('sw1:o:'));
    expect(related.length).toBeGreaterThan(0);
    const vote = buttonsOf(message).find((button) => button.label === 'Helpful')!;
    expect(vote.custom_id).toBe('sw1:u:q:compare:netflix+spotify:database');

    await harness.restart();
    const click = harness.emulator.clickButton(member(), message, related[0]!.custom_id);
    const response = await click.response;
    expect(response.type).toBe(4);
    const relatedId = related[0]!.custom_id.slice('sw1:o:'.length);
    expect((response.data.embeds as Embed[])[0]?.title).toBe(harness.engine.entry(relatedId)!.question);
    const voted = await harness.emulator.clickButton(member(), message, vote.custom_id).response;
    expect(voted.type).toBe(7);
    expect(JSON.stringify(voted.data)).toMatch(/100% helpful \(1 vote\)/);
  });

  it('answers each technology of "does X use A and B" with its status, year and source', async () => {
    const [embed] = (await ask('does netflix use kafka and flink')).embeds as Embed[];
    expect(embed?.title).toBe('Does Netflix use Apache Kafka or Apache Flink?');
    expect(embed?.description).toMatch(/\*\*Apache Kafka:\*\* yes\..*_\(as of \d{4}/);
    expect(embed?.description).toMatch(/\*\*Apache Flink:\*\* yes\./);
  });

  it('says "no record" for the unknown part of a partly known pair, and yes to the known part', async () => {
    const [embed] = (await ask('does netflix use kafka and rust')).embeds as Embed[];
    expect(embed?.description).toMatch(/\*\*Apache Kafka:\*\* yes\./);
    expect(embed?.description).toMatch(/\*\*Rust:\*\* no record\. The Stackwise corpus has no fact about Netflix and Rust\./);
  });

  it('lists companies using both technologies, and answers "did X move from A to B" from formerly-used facts', async () => {
    const both = (await ask('which companies use both kafka and flink')).embeds as Embed[];
    expect(both[0]?.title).toBe('Which companies use both Apache Kafka and Apache Flink?');
    expect(both[0]?.description).toMatch(/- \*\*Netflix\*\*/);
    const moved = (await ask('did discord switch from cassandra to scylla')).embeds as Embed[];
    expect(moved[0]?.description).toMatch(/^\*\*Yes, as far as the corpus knows:\*\* Discord used Cassandra and now uses ScyllaDB\./);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/bot-harness.js';
import { SHIPPED_CORPUS } from '../helpers/fixture.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ corpusDir: SHIPPED_CORPUS });
});
afterAll(async () => {
  await harness?.stop();
});

const member = () => ({ guildId: harness.emulator.guilds[0]!.id, userId: harness.emulator.guilds[0]!.member.id });
const stack = async (company: string) => {
  const response = await harness.emulator.sendCommand(member(), 'stack', { company }).response;
  return response.data as { embeds?: { title: string; description: string }[]; content?: string };
};

describe('/stack on the shipped corpus', () => {
  it('answers every company of the corpus with its stack, curated or derived', async () => {
    const companies = harness.engine.allCompanies();
    expect(companies.length).toBeGreaterThanOrEqual(150);
    for (const company of companies) {
      const expected = harness.engine.stackEntry(company.slug)!;
      const data = await stack(company.name);
      expect(data.embeds?.[0]?.title, company.name).toBe(expected.question);
    }
  });

  it('finds a company by alias or with a typo', async () => {
    expect((await stack('Facebook')).embeds?.[0]?.title).toBe(harness.engine.stackEntry('meta')!.question);
    expect((await stack('netflx')).embeds?.[0]?.title).toBe(harness.engine.stackEntry('netflix')!.question);
  });

  it('says it has no record of an unknown company, never another company’s stack', async () => {
    const data = await stack('Quuxcorp Industries');
    expect(data.embeds ?? []).toEqual([]);
    expect(data.content).toMatch(/^I have no record of "Quuxcorp Industries"/);
  });

  it('autocompletes company names, names that start with the typed text first', async () => {
    const choices = (await harness.emulator.sendAutocomplete(member(), 'stack', 'company', 'net').response).data.choices as {
      name: string;
    }[];
    const names = choices.map((choice) => choice.name);
    expect(names).toEqual(expect.arrayContaining(['Netflix', 'NetEase']));
    const starts = names.map((name) => name.toLowerCase().startsWith('net'));
    expect(starts.indexOf(false) === -1 || starts.slice(starts.indexOf(false)).every((start) => !start)).toBe(true);
    expect(names.length).toBeLessThanOrEqual(25);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { type Harness, startHarness } from '../helpers/bot-harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.stop();
});

const guildA = () => harness.emulator.guilds[0]!;
const member = () => ({ guildId: guildA().id, userId: guildA().member.id });

type Button = { custom_id: string; label: string };
const buttonsOf = (message: { components: unknown[] }): Button[] =>
  (message.components as { components: Button[] }[]).flatMap((row) => row.components);

describe('the bot against the local Discord emulator', () => {
  it('becomes ready in both guilds and has its commands registered globally', () => {
    expect(harness.bot.client.guilds.cache.size).toBe(2);
    const names = harness.emulator.commands().map((command) => command.name);
    expect(names.sort()).toEqual(['Add to FAQ', 'Answer with Stackwise', 'ask', 'faq', 'help', 'stack']);
  });

  it('answers /ask with an embed, related buttons, vote buttons, and no mentions', async () => {
    const sent = harness.emulator.sendCommand(member(), 'ask', { question: 'Does Netflix use Apache Spark?' });
    const response = await sent.response;
    expect(response.type).toBe(4);
    expect(response.data.flags ?? 0).toBe(0);
    expect(response.data.allowed_mentions).toEqual({ parse: [] });
    const [embed] = response.data.embeds as { title: string; description: string; footer: { text: string } }[];
    expect(embed?.title).toBe('Does Netflix use Apache Spark?');
    expect(embed?.footer.text).toMatch(/^Asked by Stackwise team · Updated 20 May 2026 · No votes yet$/);
    const message = harness.emulator.originalMessage(sent.id)!;
    const buttons = buttonsOf(message);
    expect(buttons.map((button) => button.custom_id)).toContain('sw1:o:netflix-database');
    expect(buttons.map((button) => button.label)).toEqual(expect.arrayContaining(['Helpful', 'Not helpful']));
    for (const button of buttons) expect(button.label.length).toBeLessThanOrEqual(80);
  });

  it('says when it is unsure, offering the closest questions, and records the question', async () => {
    const response = await harness.emulator.sendCommand(member(), 'ask', { question: 'Does Netflix use Rust?' }).response;
    expect(response.data.flags).toBe(64);
    expect(String(response.data.content)).toMatch(/no record of Netflix using Rust[\s\S]*I'm not sure. Did you mean:/);
    expect(response.data.allowed_mentions).toEqual({ parse: [] });
    const rows = response.data.components as { components: Button[] }[];
    expect(rows[0]!.components[0]!.custom_id).toMatch(/^sw1:o:/);
    // Recorded just after the reply went out.
    const recorded = () => harness.store.unanswered.list(guildA().id).map((row) => row.question);
    const deadline = Date.now() + 2000;
    while (!recorded().includes('Does Netflix use Rust?') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(recorded()).toContain('Does Netflix use Rust?');
  });

  it('answers an out-of-scope question with one friendly line', async () => {
    const response = await harness.emulator.sendCommand(member(), 'ask', { question: 'How much do Netflix plans cost? @everyone' })
      .response;
    expect(response.data.flags).toBe(64);
    expect(String(response.data.content)).toMatch(/tech-stack questions/);
    expect(response.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('offers autocomplete choices for what was typed', async () => {
    const response = await harness.emulator.sendAutocomplete(member(), 'ask', 'question', 'which datab').response;
    expect(response.type).toBe(8);
    const choices = response.data.choices as { name: string; value: string }[];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.map((choice) => choice.name)).toContain('Which database does Netflix use?');
  });

  it('logged no failed interaction along the way', () => {
    expect(harness.logs.find('interaction failed')).toEqual([]);
    expect(harness.logs.find('could not tell the user about the error')).toEqual([]);
  });
});

describe('more commands', () => {
  it('answers only the asker with private:true, with a "Post in channel" button', async () => {
    const sent = harness.emulator.sendCommand(member(), 'ask', { question: 'Does Netflix use Apache Spark?', private: true });
    const response = await sent.response;
    expect(response.data.flags).toBe(64);
    const labels = buttonsOf(harness.emulator.originalMessage(sent.id)!).map((button) => button.label);
    expect(labels).toContain('Post in channel');
  });

  it('/stack shows the overview with buttons into its categories', async () => {
    const sent = harness.emulator.sendCommand(member(), 'stack', { company: 'Netflix' });
    const response = await sent.response;
    expect((response.data.embeds as { title: string }[])[0]?.title).toBe('What tech stack does Netflix use?');
    const ids = buttonsOf(harness.emulator.originalMessage(sent.id)!).map((button) => button.custom_id);
    expect(ids.some((id) => id.startsWith('sw1:o:d:category:netflix:'))).toBe(true);
    const choices = (await harness.emulator.sendAutocomplete(member(), 'stack', 'company', 'disc').response).data.choices;
    expect(choices).toEqual([{ name: 'Discord', value: 'Discord' }]);
  });

  it('deploying the commands again changes nothing', async () => {
    const { deployCommands } = await import('../../src/discord/deploy.js');
    const before = harness.emulator.commands().map(({ id, name, version }) => ({ id, name, version }));
    await deployCommands(
      { token: harness.emulator.token, applicationId: harness.emulator.applicationId, apiBase: harness.emulator.apiBase },
      COMMANDS,
    );
    expect(harness.emulator.commands().map(({ id, name, version }) => ({ id, name, version }))).toEqual(before);
  });

  it('a deploy to one guild (DEV_GUILD_ID) leaves out installation types and contexts, which Discord takes on global commands only', async () => {
    const { deployCommands } = await import('../../src/discord/deploy.js');
    const target = { token: harness.emulator.token, applicationId: harness.emulator.applicationId, apiBase: harness.emulator.apiBase };
    await deployCommands({ ...target, guildId: guildA().id }, COMMANDS);
    const inGuild = harness.emulator.commands(guildA().id);
    expect(inGuild.map((command) => command.name).sort()).toEqual(['Add to FAQ', 'Answer with Stackwise', 'ask', 'faq', 'help', 'stack']);
    for (const command of inGuild) {
      expect(command.integration_types).toBeUndefined();
      expect(command.contexts).toBeUndefined();
    }
    // Back to global only, so the other tests see what users would.
    const { REST, Routes } = await import('discord.js');
    await new REST({ api: harness.emulator.apiBase })
      .setToken(harness.emulator.token)
      .put(Routes.applicationGuildCommands(harness.emulator.applicationId, guildA().id), { body: [] });
    expect(harness.emulator.commands(guildA().id)).toEqual([]);
  });
});

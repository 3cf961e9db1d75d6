import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/bot-harness.js';

/** Replies follow the language of the person's Discord client (`interaction.locale`); the corpus stays English. */
let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({
    hooks: {
      beforeHandle(interaction) {
        if (interaction.isChatInputCommand() && interaction.options.getString('question') === 'boom') throw new Error('injected failure');
      },
    },
    guilds: [{ name: 'Sprachen', locale: 'de', members: [{ username: 'mitglied' }] }],
  });
});
afterAll(async () => {
  await harness?.stop();
});

const guild = () => harness.emulator.guilds[0]!;
const member = () => ({
  guildId: guild().id,
  userId: harness.emulator.guild(guild().id)!.members.find((candidate) => candidate.user.username === 'mitglied')!.user.id,
});
type Button = { custom_id: string; label: string };
const buttonsOf = (components: unknown): Button[] => ((components ?? []) as { components: Button[] }[]).flatMap((row) => row.components);

describe('a German client', () => {
  const de = { locale: 'de' };

  it('gets German buttons and footer on an answer, which says once that answers are in English', async () => {
    const sent = harness.emulator.sendCommand({ ...member(), ...de, name: 'ask', options: { question: 'Does Netflix use Apache Spark?' } });
    const response = await sent.response;
    const [embed] = response.data.embeds as { title: string; footer: { text: string } }[];
    expect(embed?.title).toBe('Does Netflix use Apache Spark?');
    expect(embed?.footer.text).toBe(
      'Die Antworten sind auf Englisch verfasst · Gefragt von Stackwise team · Aktualisiert am 20. Mai 2026 · Noch keine Stimmen',
    );
    const labels = buttonsOf(harness.emulator.originalMessage(sent.id)!.components).map((button) => button.label);
    expect(labels).toEqual(expect.arrayContaining(['Hilfreich', 'Nicht hilfreich']));

    const message = harness.emulator.originalMessage(sent.id)!;
    const helpful = buttonsOf(message.components).find((button) => button.label === 'Hilfreich')!;
    await harness.emulator.clickButton({ ...member(), ...de, messageId: message.id, customId: helpful.custom_id }).response;
    await expect
      .poll(() => harness.emulator.ephemeralMessages(member().userId).at(-1)?.content)
      .toMatch(/^Danke! Du hast diese Antwort als hilfreich markiert/);
    expect(buttonsOf(harness.emulator.message(message.id)!.components).map((button) => button.label)).toContain('Hilfreich');
  });

  it('is told in German when the bot is unsure (the engine’s own notice stays English)', async () => {
    const response = await harness.emulator.sendCommand({
      ...member(),
      ...de,
      name: 'ask',
      options: { question: 'Does Netflix use Rust?' },
    }).response;
    expect(response.data.flags).toBe(64);
    expect(String(response.data.content)).toMatch(/Da bin ich mir nicht sicher\. Meintest du:/);
  });

  it('is refused /faq in German as a member, and gets an error note in German', async () => {
    const refused = await harness.emulator.sendCommand({ ...member(), ...de, name: 'faq', subcommand: 'add' }).response;
    expect(String(refused.data.content)).toMatch(/^Nur die Kuratoren dieses Servers können seine FAQ ändern/);

    const failed = await harness.emulator.sendCommand({ ...member(), ...de, name: 'ask', options: { question: 'boom' } }).response;
    expect(String(failed.data.content)).toMatch(/^Da ist etwas schiefgelaufen \(Ref\. [0-9a-f]{8}\)/);
  });

  it('as a curator, gets German buttons on a curation message', async () => {
    const moderator = { guildId: guild().id, userId: guild().moderator.id, locale: 'de' };
    const response = await harness.emulator.sendCommand({
      ...moderator,
      name: 'faq',
      subcommand: 'remove',
      options: { entry: 'netflix-database' },
    }).response;
    expect(buttonsOf(response.data.components).map((button) => button.label)).toEqual(['Entfernen', 'Behalten']);
  });

  it('sees the commands under German names, while Discord still sends the English name', () => {
    type Localized = { name: string; name_localizations?: Record<string, string>; options?: Localized[] };
    const ask = harness.emulator.commands().find((command) => command.name === 'ask') as unknown as Localized;
    expect(ask.name_localizations?.de).toBe('fragen');
    expect(ask.options?.find((option) => option.name === 'question')?.name_localizations?.de).toBe('frage');
  });
});

describe('a French client', () => {
  it('gets the /help text and a refused question in French', async () => {
    const help = await harness.emulator.sendCommand({ ...member(), locale: 'fr', name: 'help' }).response;
    const [embed] = help.data.embeds as { description: string }[];
    expect(embed?.description).toMatch(/^Je réponds aux questions sur les technologies/);
    expect(embed?.description).toContain('`/demander`');

    const empty = await harness.emulator.sendCommand({ ...member(), locale: 'fr', name: 'ask', options: { question: '???' } }).response;
    expect(String(empty.data.content)).toMatch(/^La question ne contient aucun mot/);
  });
});

describe('an English client', () => {
  it('gets English exactly as before, with no note about the language', async () => {
    const response = await harness.emulator.sendCommand({
      ...member(),
      locale: 'en-GB',
      name: 'ask',
      options: { question: 'Does Netflix use Apache Spark?' },
    }).response;
    const [embed] = response.data.embeds as { footer: { text: string } }[];
    expect(embed?.footer.text).toBe('Asked by Stackwise team · Updated 20 May 2026 · 100% helpful (1 vote)');
  });
});

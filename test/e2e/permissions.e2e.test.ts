import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/bot-harness.js';

let harness: Harness;
const OWNER_ID = '300000000000000001';

beforeAll(async () => {
  harness = await startHarness({
    env: { BOT_OWNER_IDS: OWNER_ID },
    guilds: [
      {
        name: 'Roles Test',
        roles: [
          { name: 'Moderator', permissions: String(1n << 5n) },
          { name: 'FAQ helpers', permissions: '0' },
        ],
        members: [
          { username: 'mod', roles: ['Moderator'] },
          { username: 'member' },
          { username: 'helper', roles: ['FAQ helpers'] },
          { username: 'bot-owner', id: OWNER_ID },
        ],
      },
    ],
  });
});
afterAll(async () => {
  await harness?.stop();
});

const guild = () => harness.emulator.guilds[0]!;
const userNamed = (username: string) =>
  harness.emulator.guild(guild().id)!.members.find((member) => member.user.username === username)!.user.id;
const actor = (username: string) => ({ guildId: guild().id, userId: userNamed(username) });

async function faq(username: string, subcommand: string, options: Record<string, string> = {}) {
  const sent = harness.emulator.sendCommand({ ...actor(username), name: 'faq', subcommand, options });
  const response = await sent.response;
  return { type: response.type, content: String(response.data.content ?? '') };
}

describe('who may curate', () => {
  it('registers /faq and "Add to FAQ" for Manage Server by default, in servers only, installed with the bot', () => {
    const commands = harness.emulator.commands();
    for (const name of ['faq', 'Add to FAQ']) {
      const command = commands.find((candidate) => candidate.name === name)!;
      expect(command.default_member_permissions).toBe(String(1n << 5n));
      expect(command.contexts).toEqual([0]);
      expect(command.integration_types).toEqual([0]);
    }
  });

  it('a curator role set by Manage Server lets its members curate; clearing it takes that back', async () => {
    expect((await faq('helper', 'add')).content).toMatch(/Only this server’s curators/);
    const role = harness.emulator.guild(guild().id)!.roles.find((candidate) => candidate.name === 'FAQ helpers')!;

    expect((await faq('helper', 'settings', { 'curator-role': role.id })).content).toMatch(/Only this server’s curators/);
    expect((await faq('mod', 'settings', { 'curator-role': role.id })).content).toMatch(/Members with the FAQ helpers role can now curate/);
    expect((await faq('helper', 'add')).type).toBe(9);
    // A curator by role may not choose who curates.
    expect((await faq('helper', 'settings')).content).toMatch(/Only members with Manage Server/);

    // Without a role, /faq settings shows the current one; clearing it takes a click on its button.
    const shown = harness.emulator.sendCommand({ ...actor('mod'), name: 'faq', subcommand: 'settings' });
    const current = await shown.response;
    expect(String(current.data.content)).toMatch(/The curator role is \*\*FAQ helpers\*\*/);
    expect((await faq('helper', 'add')).type).toBe(9);
    const message = harness.emulator.originalMessage(shown.id)!;
    const clear = (message.components as { components: { label: string; custom_id: string }[] }[])[0]!.components[0]!;
    expect(clear.label).toBe('Clear the curator role');
    const cleared = await harness.emulator.clickButton({ ...actor('mod'), messageId: message.id, customId: clear.custom_id }).response;
    expect(String(cleared.data.content)).toMatch(/Cleared the curator role/);
    expect((await faq('helper', 'add')).content).toMatch(/Only this server’s curators/);
    expect((await faq('mod', 'settings')).content).toMatch(/No curator role is set/);
  });

  it('/help mentions the curation commands to curators only', async () => {
    const help = async (username: string) =>
      JSON.stringify((await harness.emulator.sendCommand({ ...actor(username), name: 'help' }).response).data);
    const forMod = await help('mod');
    // Built from the command definitions: every subcommand is listed, settings included.
    for (const subcommand of ['add', 'edit', 'remove', 'history', 'unanswered', 'feedback', 'export', 'import', 'settings']) {
      expect(forMod).toContain(`\`${subcommand}\``);
    }
    expect(forMod).toContain('/faq');
    expect(forMod).toContain('Add to FAQ');
    const forMember = await help('member');
    expect(forMember).toContain('/ask');
    expect(forMember).toContain('/stack');
    expect(forMember).not.toContain('/faq');
    expect(forMember).not.toContain('Add to FAQ');
  });

  it("the bot's owners curate in every server", async () => {
    expect((await faq('bot-owner', 'add')).type).toBe(9);
    expect((await faq('member', 'add')).content).toMatch(/Only this server’s curators/);
  });
});

import { ApplicationCommandOptionType } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Connected, deliver, startConnected } from './helpers.js';

let world: Connected;
beforeAll(async () => {
  world = await startConnected();
  await world.client.application.commands.set(
    [
      {
        name: 'upload',
        description: 'Send a file',
        options: [{ type: ApplicationCommandOptionType.Attachment, name: 'file', description: 'The file', required: true }],
      },
    ],
    world.emu.guilds[0]!.id,
  );
});
afterAll(async () => {
  await world?.stop();
});

describe('attachment options', () => {
  it('reach discord.js as an Attachment whose url serves the bytes', async () => {
    const guild = world.emu.guilds[0]!;
    const { interaction } = await deliver(world.client, () =>
      world.emu.sendCommand({
        guildId: guild.id,
        userId: guild.member.id,
        name: 'upload',
        options: { file: { filename: 'notes.yaml', content: 'entries: []\n', contentType: 'text/yaml' } },
      }),
    );
    if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
    const attachment = interaction.options.getAttachment('file', true);
    expect(attachment).toMatchObject({ name: 'notes.yaml', size: 12, contentType: 'text/yaml' });
    expect(attachment.url.startsWith('http://127.0.0.1:')).toBe(true);
    const response = await fetch(attachment.url);
    expect(response.headers.get('content-type')).toBe('text/yaml');
    expect(await response.text()).toBe('entries: []\n');
  });

  it('refuse what a Discord client could not send: text for a file, or a file over the size limit', () => {
    const guild = world.emu.guilds[0]!;
    const actor = { guildId: guild.id, userId: guild.member.id, name: 'upload' };
    expect(() => world.emu.sendCommand({ ...actor, options: { file: 'just text' } })).toThrow(/needs a file/);
    expect(() =>
      world.emu.sendCommand({ ...actor, options: { file: { filename: 'big.bin', content: Buffer.alloc(10 * 1024 * 1024 + 1) } } }),
    ).toThrow(/over the attachment size limit/);
  });
});

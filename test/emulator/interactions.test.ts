import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ButtonBuilder,
  ButtonStyle,
  DiscordAPIError,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  Routes,
  type TextChannel,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordEmulator } from '../../src/sandbox/emulator/index.js';
import { type Connected, connectClient, deliver, sleep, startConnected } from './helpers.js';

let world: Connected;
beforeAll(async () => {
  world = await startConnected();
  const guildId = world.emu.guilds[0]!.id;
  await world.client.application.commands.set(
    [
      {
        name: 'pick',
        description: 'Pick things',
        options: [
          {
            type: ApplicationCommandOptionType.Subcommand,
            name: 'one',
            description: 'Pick one',
            options: [
              { type: ApplicationCommandOptionType.String, name: 'word', description: 'A word', required: true, autocomplete: true },
              { type: ApplicationCommandOptionType.Integer, name: 'count', description: 'How many' },
              { type: ApplicationCommandOptionType.Boolean, name: 'quiet', description: 'Quietly' },
              { type: ApplicationCommandOptionType.User, name: 'who', description: 'For whom' },
            ],
          },
        ],
      },
      { name: 'ping', description: 'Ping' },
      { name: 'Quote', type: ApplicationCommandType.Message },
    ],
    guildId,
  );
});
afterAll(async () => {
  await world?.stop();
});

const guild = () => world.emu.guilds[0]!;
const asMember = () => ({ guildId: guild().id, userId: guild().member.id });

async function expectApiError(promise: Promise<unknown>, status: number, code: number): Promise<DiscordAPIError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DiscordAPIError);
  expect((error as DiscordAPIError).status).toBe(status);
  expect((error as DiscordAPIError).code).toBe(code);
  return error as DiscordAPIError;
}

describe('application commands', () => {
  it('are registered per guild through client.application.commands.set, keeping ids on overwrite', async () => {
    const registered = world.emu.commands(guild().id);
    expect(registered.map((command) => command.name).sort()).toEqual(['Quote', 'pick', 'ping']);
    for (const command of registered) expect(command.id).toMatch(/^\d{17,20}$/);
    expect(world.emu.commands()).toEqual([]);
    expect(world.emu.commands(world.emu.guilds[1]!.id)).toEqual([]);

    const pingId = registered.find((command) => command.name === 'ping')!.id;
    const fetched = await world.client.application.commands.fetch({ guildId: guild().id });
    expect(fetched.get(pingId)?.name).toBe('ping');
    await world.client.application.commands.set([{ name: 'hello', description: 'Hello' }]);
    expect(world.emu.commands().map((command) => command.name)).toEqual(['hello']);
  });

  it('refuses an invalid definition with 50035, as Discord does', async () => {
    const bad = world.client.application.commands.set([{ name: 'Bad Name', description: 'x' }], guild().id);
    const error = await expectApiError(bad, 400, 50035);
    expect(JSON.stringify(error.rawError)).toContain('APPLICATION_COMMAND_INVALID_NAME');
    expect(world.emu.commands(guild().id)).toHaveLength(3);
  });
});

describe('slash commands', () => {
  it('reach interactionCreate with typed options; reply() arrives as callback type 4', async () => {
    const { interaction, sent } = await deliver(world.client, () =>
      world.emu.sendCommand({
        ...asMember(),
        name: 'pick',
        subcommand: 'one',
        options: { word: 'kafka', count: 3, quiet: false, who: guild().moderator.id },
      }),
    );
    expect(interaction.isChatInputCommand()).toBe(true);
    if (!interaction.isChatInputCommand()) return;
    expect(interaction.commandName).toBe('pick');
    expect(interaction.options.getSubcommand()).toBe('one');
    expect(interaction.options.getString('word')).toBe('kafka');
    expect(interaction.options.getInteger('count')).toBe(3);
    expect(interaction.options.getBoolean('quiet')).toBe(false);
    expect(interaction.options.getUser('who')?.id).toBe(guild().moderator.id);
    expect(interaction.guildId).toBe(guild().id);
    expect(interaction.channelId).toBe(guild().channelId);
    expect(interaction.user.id).toBe(guild().member.id);
    expect(interaction.memberPermissions?.has('ManageGuild')).toBe(false);
    expect(interaction.locale).toBe('en-US');

    await interaction.reply({ content: 'Picked kafka', allowedMentions: { parse: [] } });
    const response = await sent.response;
    expect(response).toEqual({ type: 4, data: expect.objectContaining({ content: 'Picked kafka', allowed_mentions: { parse: [] } }) });
    const message = world.emu.originalMessage(sent.id)!;
    expect(world.emu.messages(guild().channelId).at(-1)?.id).toBe(message.id);
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(message.type).toBe(20);
  });

  it('gives a moderator Manage Server', async () => {
    const { interaction } = await deliver(world.client, () =>
      world.emu.sendCommand({ guildId: guild().id, userId: guild().moderator.id, name: 'ping' }),
    );
    expect(interaction.memberPermissions?.has('ManageGuild')).toBe(true);
    if (interaction.isRepliable()) await interaction.reply('pong');
  });

  it('refuses what a Discord client could not send', () => {
    expect(() => world.emu.sendCommand({ ...asMember(), name: 'pick', subcommand: 'one', options: { nope: 1, word: 'x' } })).toThrow(
      /no option "nope"/,
    );
    expect(() => world.emu.sendCommand({ ...asMember(), name: 'pick', subcommand: 'one' })).toThrow(/needs option word/);
    expect(() => world.emu.sendCommand({ ...asMember(), name: 'pick', options: { word: 'x' } })).toThrow(/needs a subcommand/);
    expect(() => world.emu.sendCommand({ guildId: guild().id, userId: '1', name: 'ping' })).toThrow(/not a member/);
  });

  it('answers a second initial response with 40060', async () => {
    const { interaction, sent } = await deliver(world.client, () => world.emu.sendCommand({ ...asMember(), name: 'ping' }));
    if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
    await interaction.reply('first');
    // discord.js refuses a second reply() itself, so go through its REST client, as a second process would.
    const again = world.client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
      body: { type: 4, data: { content: 'second' } },
      auth: false,
    });
    await expectApiError(again, 400, 40060);
    expect((await sent.response).data.content).toBe('first');
    expect(world.emu.interaction(sent.id)?.refusedCallbacks).toEqual([{ type: 4, status: 400, code: 40060 }]);
  });

  it('refuses an empty or too long reply without acknowledging', async () => {
    const { interaction, sent } = await deliver(world.client, () => world.emu.sendCommand({ ...asMember(), name: 'ping' }));
    if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
    await expectApiError(interaction.reply({ content: 'x'.repeat(2001) }), 400, 50035);
    interaction.replied = false;
    await expectApiError(interaction.reply({}), 400, 50006);
    interaction.replied = false;
    await interaction.reply('fine');
    expect((await sent.response).data.content).toBe('fine');
  });

  it('keeps allowed_mentions as sent and computes which mentions would notify', async () => {
    const target = guild().moderator.id;
    const { interaction, sent } = await deliver(world.client, () => world.emu.sendCommand({ ...asMember(), name: 'ping' }));
    if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
    await interaction.reply({ content: `<@${target}> @everyone` });
    await sent.response;
    const loud = world.emu.originalMessage(sent.id)!;
    expect(loud.allowed_mentions).toBeUndefined();
    expect(loud.mention_everyone).toBe(true);
    expect(loud.mentions.map((user) => user.id)).toEqual([target]);
    await interaction.editReply({ content: `<@${target}> @everyone`, allowedMentions: { parse: [] } });
    const quiet = world.emu.message(loud.id)!;
    expect(quiet.allowed_mentions).toEqual({ parse: [] });
    expect(quiet.mention_everyone).toBe(false);
    expect(quiet.mentions).toEqual([]);
  });

  it('returns an InteractionCallbackResponse for withResponse', async () => {
    const { interaction, sent } = await deliver(world.client, () => world.emu.sendCommand({ ...asMember(), name: 'ping' }));
    if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
    const callback = await interaction.reply({ content: 'with response', withResponse: true });
    expect(callback.interaction.id).toBe(interaction.id);
    expect(callback.interaction.responseMessageId).toBe(world.emu.originalMessage(sent.id)!.id);
    expect(callback.resource?.message?.content).toBe('with response');
  });

  it('takes attachments as multipart/form-data and serves them', async () => {
    const { interaction, sent } = await deliver(world.client, () => world.emu.sendCommand({ ...asMember(), name: 'ping' }));
    if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
    await interaction.reply({ content: 'a file', files: [{ attachment: Buffer.from('hello, file'), name: 'hello.txt' }] });
    expect((await sent.response).data.content).toBe('a file');
    const [attachment] = world.emu.originalMessage(sent.id)!.attachments;
    expect(attachment).toMatchObject({ filename: 'hello.txt', size: 11 });
    expect(await (await fetch(attachment!.url)).text()).toBe('hello, file');
  });

  it('shows an attachment an embed names as attachment://<file> in that embed, as Discord does', async () => {
    const { interaction, sent } = await deliver(world.client, () => world.emu.sendCommand({ ...asMember(), name: 'ping' }));
    if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    await interaction.editReply({
      embeds: [{ title: 'chart', image: { url: 'attachment://chart.png' } }],
      files: [{ attachment: png, name: 'chart.png' }],
    });
    const message = world.emu.originalMessage(sent.id)!;
    const [attachment] = message.attachments;
    expect(attachment).toMatchObject({ filename: 'chart.png', size: 8 });
    expect((message.embeds[0] as { image: { url: string } }).image.url).toBe(attachment!.url);
    expect(Buffer.from(await (await fetch(attachment!.url)).arrayBuffer())).toEqual(png);
  });
});

describe('deferred replies', () => {
  it('deferReply, editReply, then ephemeral and public follow-ups', async () => {
    const { interaction, sent } = await deliver(world.client, () => world.emu.sendCommand({ ...asMember(), name: 'ping' }));
    if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    expect(await sent.response).toEqual({ type: 5, data: { flags: 64 } });
    const loading = world.emu.originalMessage(sent.id)!;
    expect(loading.flags & 128).toBe(128);
    expect(loading.visibleTo).toBe(guild().member.id);
    expect(world.emu.messages(guild().channelId).some((message) => message.id === loading.id)).toBe(false);

    const edited = await interaction.editReply('done thinking');
    expect(edited.id).toBe(loading.id);
    expect(world.emu.message(loading.id)).toMatchObject({ content: 'done thinking', flags: 64 });
    expect((await interaction.fetchReply()).content).toBe('done thinking');

    const secret = await interaction.followUp({ content: 'just for you', flags: MessageFlags.Ephemeral });
    const open = await interaction.followUp({ content: 'for everyone' });
    const mine = world.emu.ephemeralMessages(guild().member.id).map((message) => message.id);
    expect(mine).toEqual(expect.arrayContaining([loading.id, secret.id]));
    expect(mine).not.toContain(open.id);
    expect(world.emu.messages(guild().channelId).at(-1)).toMatchObject({ id: open.id, content: 'for everyone' });

    await interaction.deleteReply(open.id);
    expect(world.emu.message(open.id)).toBeUndefined();
  });

  it('the first follow-up after a deferred reply fills it in, keeping its visibility', async () => {
    const { interaction, sent } = await deliver(world.client, () => world.emu.sendCommand({ ...asMember(), name: 'ping' }));
    if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
    await interaction.deferReply();
    await sent.response;
    const followUp = await interaction.followUp({ content: 'here it is', flags: MessageFlags.Ephemeral });
    expect(followUp.id).toBe(world.emu.originalMessage(sent.id)!.id);
    expect(world.emu.message(followUp.id)).toMatchObject({ content: 'here it is', flags: 0 });
    expect(world.emu.message(followUp.id)!.visibleTo).toBeUndefined();
  });
});

describe('autocomplete', () => {
  it('respond() arrives as callback type 8 with the choices', async () => {
    const { interaction, sent } = await deliver(world.client, () =>
      world.emu.sendAutocomplete({ ...asMember(), name: 'pick', subcommand: 'one', options: { count: 2, word: 'kaf' }, focused: 'word' }),
    );
    if (!interaction.isAutocomplete()) throw new Error('expected autocomplete');
    expect(interaction.options.getFocused(true)).toMatchObject({ name: 'word', value: 'kaf' });
    expect(interaction.options.getInteger('count')).toBe(2);
    await interaction.respond([{ name: 'Kafka', value: 'kafka' }]);
    expect(await sent.choices).toEqual([{ name: 'Kafka', value: 'kafka' }]);
    expect((await sent.response).type).toBe(8);
  });

  it('refuses more than 25 choices', async () => {
    const { interaction } = await deliver(world.client, () =>
      world.emu.sendAutocomplete({ ...asMember(), name: 'pick', subcommand: 'one', focused: 'word' }),
    );
    if (!interaction.isAutocomplete()) throw new Error('expected autocomplete');
    const many = Array.from({ length: 26 }, (_, index) => ({ name: `c${index}`, value: `c${index}` }));
    await expectApiError(interaction.respond(many), 400, 50035);
  });
});

describe('buttons', () => {
  it('a click on a bot post arrives with the message; update() changes it in place', async () => {
    const channel = world.client.channels.cache.get(guild().channelId) as TextChannel;
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId('vote:up').setLabel('Up').setStyle(ButtonStyle.Primary),
    );
    const posted = await channel.send({ content: 'Vote?', components: [row] });
    expect(world.emu.message(posted.id)).toMatchObject({ content: 'Vote?', author: { id: world.emu.applicationId } });

    const updates: string[] = [];
    world.emu.on('messageUpdate', (message) => updates.push(message.id));
    const { interaction, sent } = await deliver(world.client, () =>
      world.emu.clickButton({ messageId: posted.id, customId: 'vote:up', userId: guild().member.id }),
    );
    if (!interaction.isButton()) throw new Error('expected a button');
    expect(interaction.customId).toBe('vote:up');
    expect(interaction.message.id).toBe(posted.id);
    await interaction.update({ content: 'Voted', components: [] });
    expect((await sent.response).type).toBe(7);
    expect(world.emu.message(posted.id)).toMatchObject({ content: 'Voted', components: [] });
    expect(world.emu.message(posted.id)!.edited_timestamp).not.toBeNull();
    expect(world.emu.messages(guild().channelId).filter((message) => message.id === posted.id)).toHaveLength(1);
    expect(updates).toContain(posted.id);
    world.emu.removeAllListeners('messageUpdate');
  });

  it('deferUpdate() then editReply() edits the message that holds the button', async () => {
    const channel = world.client.channels.cache.get(guild().channelId) as TextChannel;
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId('slow').setLabel('Slow').setStyle(ButtonStyle.Primary),
    );
    const posted = await channel.send({ content: 'Working?', components: [row] });
    const { interaction, sent } = await deliver(world.client, () =>
      world.emu.clickButton({ messageId: posted.id, customId: 'slow', userId: guild().member.id }),
    );
    if (!interaction.isButton()) throw new Error('expected a button');
    await interaction.deferUpdate();
    expect((await sent.response).type).toBe(6);
    await interaction.editReply({ content: 'Worked', components: [] });
    expect(world.emu.message(posted.id)).toMatchObject({ content: 'Worked', components: [] });
  });

  it('works on an ephemeral message, for its owner only', async () => {
    const { interaction: command, sent } = await deliver(world.client, () => world.emu.sendCommand({ ...asMember(), name: 'ping' }));
    if (!command.isChatInputCommand()) throw new Error('expected a slash command');
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId('more').setLabel('More').setStyle(ButtonStyle.Secondary),
    );
    await command.reply({ content: 'Page 1', components: [row], flags: MessageFlags.Ephemeral });
    await sent.response;
    const ephemeral = world.emu.originalMessage(sent.id)!;
    expect(() => world.emu.clickButton({ messageId: ephemeral.id, customId: 'more', userId: guild().moderator.id })).toThrow(/ephemeral/);

    const { interaction, sent: click } = await deliver(world.client, () =>
      world.emu.clickButton({ messageId: ephemeral.id, customId: 'more', userId: guild().member.id }),
    );
    if (!interaction.isButton()) throw new Error('expected a button');
    expect(interaction.message.flags.has(MessageFlags.Ephemeral)).toBe(true);
    await interaction.update({ content: 'Page 2' });
    await click.response;
    expect(world.emu.ephemeralMessages(guild().member.id).find((message) => message.id === ephemeral.id)?.content).toBe('Page 2');
  });
});

describe('modals', () => {
  it('showModal(), then a submission readable with getTextInputValue', async () => {
    const { interaction: command, sent } = await deliver(world.client, () => world.emu.sendCommand({ ...asMember(), name: 'ping' }));
    if (!command.isChatInputCommand()) throw new Error('expected a slash command');
    const modal = new ModalBuilder()
      .setCustomId('feedback')
      .setTitle('Feedback')
      .addLabelComponents(
        new LabelBuilder()
          .setLabel('Topic')
          .setTextInputComponent(new TextInputBuilder().setCustomId('topic').setStyle(TextInputStyle.Short)),
        new LabelBuilder()
          .setLabel('Details')
          .setTextInputComponent(new TextInputBuilder().setCustomId('details').setStyle(TextInputStyle.Paragraph).setRequired(false)),
      );
    await command.showModal(modal);
    expect((await sent.response).type).toBe(9);

    expect(() => world.emu.submitModal({ customId: 'feedback', userId: guild().member.id, fields: { details: 'no topic' } })).toThrow(
      /required/,
    );
    const { interaction, sent: submit } = await deliver(world.client, () =>
      world.emu.submitModal({ customId: 'feedback', userId: guild().member.id, fields: { topic: 'Kafka', details: 'Which version?' } }),
    );
    if (!interaction.isModalSubmit()) throw new Error('expected a modal submission');
    expect(interaction.customId).toBe('feedback');
    expect(interaction.fields.getTextInputValue('topic')).toBe('Kafka');
    expect(interaction.fields.getTextInputValue('details')).toBe('Which version?');
    expect(interaction.channelId).toBe(guild().channelId);
    await interaction.reply({ content: 'Thanks', flags: MessageFlags.Ephemeral });
    expect((await submit.response).data.flags).toBe(64);
  });

  it('a modal opened from a button carries the message and may update it', async () => {
    const channel = world.client.channels.cache.get(guild().channelId) as TextChannel;
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId('rename').setLabel('Rename').setStyle(ButtonStyle.Primary),
    );
    const posted = await channel.send({ content: 'Old name', components: [row] });
    const { interaction: click } = await deliver(world.client, () =>
      world.emu.clickButton({ messageId: posted.id, customId: 'rename', userId: guild().member.id }),
    );
    if (!click.isButton()) throw new Error('expected a button');
    await click.showModal(
      new ModalBuilder()
        .setCustomId('rename-modal')
        .setTitle('Rename')
        .addComponents(
          new ActionRowBuilder<TextInputBuilder>().addComponents(
            new TextInputBuilder().setCustomId('name').setLabel('Name').setStyle(TextInputStyle.Short),
          ),
        ),
    );
    const { interaction } = await deliver(world.client, () =>
      world.emu.submitModal({ customId: 'rename-modal', userId: guild().member.id, fields: { name: 'New name' } }),
    );
    if (!interaction.isModalSubmit() || !interaction.isFromMessage()) throw new Error('expected a modal submission from a message');
    expect(interaction.message.id).toBe(posted.id);
    await interaction.update({ content: interaction.fields.getTextInputValue('name') });
    expect(world.emu.message(posted.id)?.content).toBe('New name');
  });
});

describe('message context menu', () => {
  it('arrives with the target message', async () => {
    const target = world.emu.postUserMessage({ channelId: guild().channelId, userId: guild().moderator.id, content: 'We run Kafka 3.7' });
    const { interaction, sent } = await deliver(world.client, () =>
      world.emu.sendMessageContextMenu({ name: 'Quote', messageId: target.id, userId: guild().member.id }),
    );
    if (!interaction.isMessageContextMenuCommand()) throw new Error('expected a message context menu');
    expect(interaction.targetMessage.content).toBe('We run Kafka 3.7');
    expect(interaction.targetMessage.author.id).toBe(guild().moderator.id);
    await interaction.reply(`> ${interaction.targetMessage.content}`);
    expect((await sent.response).data.content).toBe('> We run Kafka 3.7');
    expect(world.emu.originalMessage(sent.id)?.type).toBe(23);
  });
});

describe('the 3 s deadline', () => {
  it('a first response after the deadline gets 10062 and the handle rejects', async () => {
    // A short deadline keeps the test fast; the default is Discord's 3000 ms.
    const emu = await DiscordEmulator.start({ interactionDeadlineMs: 200 });
    const { client } = await connectClient(emu);
    try {
      const failed = emu.waitFor('interactionFailed');
      const { interaction, sent } = await deliver(client, () =>
        emu.sendCommand({ guildId: emu.guilds[0]!.id, userId: emu.guilds[0]!.member.id, name: 'slow' }),
      );
      await expect(sent.response).rejects.toThrow(/no response within 200 ms/);
      expect((await failed).interactionId).toBe(sent.id);
      await sleep(100);
      if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
      await expectApiError(interaction.reply('too late'), 404, 10062);
      expect(emu.interaction(sent.id)).toMatchObject({ expired: true, refusedCallbacks: [{ type: 4, status: 404, code: 10062 }] });
      expect(emu.messages(emu.guilds[0]!.channelId)).toEqual([]);
    } finally {
      await client.destroy();
      await emu.close();
    }
  });
});

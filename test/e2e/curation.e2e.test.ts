import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OptionValue } from '../../src/sandbox/emulator/interactions.js';
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

type Button = { custom_id: string; label: string };
type Embed = { title?: string; description?: string; footer?: { text: string } };
type Message = EmulatedMessage;
const buttonsOf = (message: { components: unknown[] }): Button[] =>
  (message.components as { components: Button[] }[]).flatMap((row) => row.components);
const embedOf = (message: { embeds: unknown[] }): Embed => (message.embeds[0] ?? {}) as Embed;
const guild = (index: 0 | 1) => harness.emulator.guilds[index]!;
const moderator = (index: 0 | 1 = 0) => ({ guildId: guild(index).id, userId: guild(index).moderator.id });
const member = (index: 0 | 1 = 0) => ({ guildId: guild(index).id, userId: guild(index).member.id });
type Actor = ReturnType<typeof moderator>;

const migration = {
  question: 'Why did Discord move from Cassandra to ScyllaDB?',
  answer: 'Garbage-collection pauses in Cassandra hurt tail latency; ScyllaDB has none. cc @everyone',
  phrasings: 'Why did Discord leave Cassandra?',
  tags: 'Discord, ScyllaDB',
  sources: 'https://discord.com/blog/how-discord-stores-trillions-of-messages',
};

async function reply(sent: { id: string; response: Promise<{ type: number; data: Record<string, unknown> }> }): Promise<Message> {
  await sent.response;
  return harness.emulator.originalMessage(sent.id)!;
}

/** The reply once it has content: a deferred one ("thinking…") is waited on until it is edited. */
async function finalReply(sent: { id: string; response: Promise<{ type: number }> }): Promise<Message> {
  const updated = harness.emulator.waitFor('messageUpdate', (message) => message.interactionId === sent.id && message.content !== '', 5000);
  const { type } = await sent.response;
  if (type !== 5) {
    updated.catch(() => undefined);
    return harness.emulator.originalMessage(sent.id)!;
  }
  return updated;
}

async function ask(actor: Actor, question: string): Promise<Message> {
  return reply(harness.emulator.sendCommand(actor, 'ask', { question }));
}

async function faq(actor: Actor, subcommand: string, options: Record<string, OptionValue> = {}) {
  return harness.emulator.sendCommand({ ...actor, name: 'faq', subcommand, options });
}

/** Opens a form with a command or button, checks it is a modal, and submits it. */
async function submitForm(
  actor: Actor,
  opener: { response: Promise<{ type: number; data: Record<string, unknown> }> },
  fields: Record<string, string>,
) {
  const shown = await opener.response;
  expect(shown.type).toBe(9);
  return { modal: shown.data, submitted: await reply(harness.emulator.submitModal(actor, String(shown.data.custom_id), fields)) };
}

async function addEntry(actor: Actor, fields: Record<string, string> = migration): Promise<{ message: Message; entryId: string }> {
  const { submitted } = await submitForm(actor, await faq(actor, 'add'), fields);
  const entryId = harness.store.entries.list(actor.guildId).find((record) => record.content.question === fields.question)?.entryId;
  if (!entryId) throw new Error(`not added: ${submitted.content}`);
  return { message: submitted, entryId };
}

describe('curating from Discord', () => {
  it('/faq add opens a form; the saved entry answers the next /ask with who asked and when, pinging nobody', async () => {
    const { message, entryId } = await addEntry(moderator());
    expect(entryId).toMatch(/^s-why-did-discord-move/);
    expect(message.content).toMatch(/Added \*\*Why did Discord move from Cassandra to ScyllaDB\?\*\* \(revision 1\)/);

    const answer = await ask(member(), 'why did discord leave cassandra');
    expect(embedOf(answer).title).toBe(migration.question);
    expect(embedOf(answer).description).toContain('Garbage-collection pauses');
    expect(embedOf(answer).footer?.text).toMatch(/Asked by stackwise-sandbox-a-moderator|Asked by .+ · Updated \d+ \w+ \d{4}/);
    expect(answer.allowed_mentions).toEqual({ parse: [] });
  });

  it('validates the form: clear problems, the text given back, nothing saved', async () => {
    const before = harness.store.entries.list(guild(0).id).length;
    const { submitted } = await submitForm(moderator(), await faq(moderator(), 'add'), {
      ...migration,
      question: 'Which message queue does Discord use for pushes?',
      tags: 'Discord, Nonsense DB',
      sources: 'not a link',
    });
    expect(submitted.content).toMatch(/couldn't save/);
    expect(submitted.content).toMatch(/not a link/);
    expect(embedOf(submitted).description).toContain('Garbage-collection pauses');
    expect(harness.store.entries.list(guild(0).id)).toHaveLength(before);

    // "Edit and retry" reopens the same form with the text that was refused, for its author only.
    const retry = buttonsOf(submitted).find((button) => button.label === 'Edit and retry')!;
    const reopened = await harness.emulator.clickButton(moderator(), submitted, retry.custom_id).response;
    expect(reopened.type).toBe(9);
    const form = JSON.stringify(reopened.data);
    expect(form).toContain('Which message queue does Discord use for pushes?');
    expect(form).toContain('Nonsense DB');
    expect(form).toContain('not a link');
    const fixed = await reply(
      harness.emulator.submitModal(moderator(), String(reopened.data.custom_id), {
        ...migration,
        question: 'Which message queue does Discord use for pushes?',
        tags: 'Discord, Nonsense DB',
        sources: '',
      }),
    );
    expect(fixed.content).toMatch(/Added \*\*Which message queue does Discord use for pushes\?\*\*/);
    // A tag the shared catalog lacks works in this server only, and the curator is told so.
    expect(fixed.content).toMatch(/Not in the shared catalog, so this tag works in this server only: Nonsense DB/);
  });

  it('when the store refuses a write, nothing changes, the curator gets the text back, and "try again" only for a full disk', async () => {
    const before = JSON.stringify(harness.store.entries.all());
    const db = harness.store.db;
    const submit = async (question: string) =>
      (
        await submitForm(moderator(), await faq(moderator(), 'add'), {
          ...migration,
          question,
          answer: `${migration.answer} ${'x'.repeat(3800)}`,
        })
      ).submitted;
    // A full disk: the database may not grow by a page.
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);
    try {
      const full = await submit('Which proxy does Discord put in front of its API?');
      expect(full.content).toMatch(/couldn't save it just now \(ref [0-9a-f]{8}\)\. Please try again in a moment\. Nothing was changed/);
      expect(embedOf(full).description).toContain('Garbage-collection pauses');
    } finally {
      db.pragma('max_page_count = 4294967294');
    }
    // A store that refuses every write until someone fixes it.
    db.pragma('query_only = ON');
    try {
      const readOnly = await submit('Which proxy does Discord put in front of its gateway?');
      expect(readOnly.content).toMatch(/can't save it at the moment: the bot's storage is refusing changes \(ref [0-9a-f]{8}\)/);
      expect(readOnly.content).not.toMatch(/try again/i);
      expect(embedOf(readOnly).description).toContain('Garbage-collection pauses');
    } finally {
      db.pragma('query_only = OFF');
    }
    expect(JSON.stringify(harness.store.entries.all())).toBe(before);
    const logged = harness.logs.find('curation write failed');
    expect(logged.map((line) => line.fault)).toEqual(['transient', 'lasting']);
  });

  it('refuses a duplicate question and offers to edit the existing entry instead', async () => {
    const { submitted } = await submitForm(moderator(), await faq(moderator(), 'add'), {
      ...migration,
      question: 'Is Apache Spark used at Netflix?',
    });
    expect(submitted.content).toMatch(/already answered here by \*\*Does Netflix use Apache Spark\?\*\*/);
    const edit = buttonsOf(submitted).find((button) => button.label === 'Edit that entry')!;
    const opened = await harness.emulator.clickButton(moderator(), submitted, edit.custom_id).response;
    expect(opened.type).toBe(9);
  });

  it('/faq edit prefills the form and the next /ask shows the new text', async () => {
    const { entryId } = await addEntry(moderator(), {
      ...migration,
      question: 'What does Discord use for voice servers?',
      answer: 'Old answer.',
      tags: 'Discord',
    });
    const { modal, submitted } = await submitForm(moderator(), await faq(moderator(), 'edit', { entry: entryId }), {
      ...migration,
      question: 'What does Discord use for voice servers?',
      answer: 'New answer: **Elixir** for signalling.',
      tags: 'Discord, Elixir',
    });
    expect(JSON.stringify(modal)).toContain('Old answer.');
    expect(submitted.content).toMatch(/Saved .* \(revision 2\)/);
    expect(embedOf(await ask(member(), 'What does Discord use for voice servers?')).description).toBe(
      'New answer: **Elixir** for signalling.',
    );
  });

  it('two curators editing at once: the second edit is refused, says what changed, and keeps its text', async () => {
    const { entryId } = await addEntry(moderator(), {
      ...migration,
      question: 'How does Discord store messages?',
      answer: 'First.',
      tags: 'Discord',
    });
    const firstForm = await (await faq(moderator(), 'edit', { entry: entryId })).response;
    const owner = { guildId: guild(0).id, userId: guild(0).ownerId };
    const secondForm = await (await faq(owner, 'edit', { entry: entryId })).response;
    expect(firstForm.data.custom_id).toBe(secondForm.data.custom_id);

    const fields = { ...migration, question: 'How does Discord store messages?', tags: 'Discord' };
    await reply(harness.emulator.submitModal(moderator(), String(firstForm.data.custom_id), { ...fields, answer: 'In ScyllaDB.' }));
    const refused = await reply(
      harness.emulator.submitModal(owner, String(secondForm.data.custom_id), { ...fields, answer: 'In Cassandra.' }),
    );
    expect(refused.content).toMatch(/changed this entry .* while you were editing: the answer changed\. Your edit was not saved/);
    expect(embedOf(refused).description).toContain('In Cassandra.');
    expect(harness.store.entries.get(entryId)?.content.answer).toBe('In ScyllaDB.');
  });

  it('remove asks first; afterwards /ask no longer finds it, its old buttons still work, and Undo brings it back', async () => {
    const { entryId } = await addEntry(moderator(), {
      ...migration,
      question: 'Does Discord use Rust for its read states service?',
      answer: 'Yes, since 2020.',
      tags: 'Discord, Rust',
    });
    const answer = await ask(member(), 'Does Discord use Rust for its read states service?');
    expect(embedOf(answer).title).toBe('Does Discord use Rust for its read states service?');

    const confirm = await reply(await faq(moderator(), 'remove', { entry: entryId }));
    expect(confirm.content).toMatch(/Remove \*\*Does Discord use Rust/);
    const removeButton = buttonsOf(confirm).find((button) => button.label === 'Remove')!;
    await harness.emulator.clickButton(moderator(), confirm, removeButton.custom_id).response;
    const removed = harness.emulator.message(confirm.id)!;
    expect(removed.content).toMatch(/Removed/);

    expect(embedOf(await ask(member(), 'Does Discord use Rust for its read states service?')).title).not.toBe(
      'Does Discord use Rust for its read states service?',
    );
    const oldVote = await reply(harness.emulator.clickButton(member(), answer, `sw1:u:${entryId}`));
    expect(oldVote.content).toMatch(/changed or removed since this button was made/);

    const undo = buttonsOf(removed).find((button) => button.label === 'Undo')!;
    const undone = await reply(harness.emulator.clickButton(moderator(), removed, undo.custom_id));
    expect(undone.content).toMatch(/Brought back/);
    expect(embedOf(await ask(member(), 'Does Discord use Rust for its read states service?')).title).toBe(
      'Does Discord use Rust for its read states service?',
    );
  });

  it('/faq history lists who changed what, and a button restores an earlier revision', async () => {
    const fields = { ...migration, question: 'How big is the Discord engineering team?', answer: 'Version one.', tags: 'Discord' };
    const { entryId } = await addEntry(moderator(), fields);
    await submitForm(moderator(), await faq(moderator(), 'edit', { entry: entryId }), { ...fields, answer: 'Version two.' });
    const history = await reply(await faq(moderator(), 'history', { entry: entryId }));
    expect(embedOf(history).description).toMatch(/\*\*r2\*\* · edited \(answer\) by .+ · current/);
    expect(embedOf(history).description).toMatch(/\*\*r1\*\* · added by/);
    // When, to the minute, in each reader's own time zone: a Discord timestamp.
    expect(embedOf(history).description).toMatch(/\*\*r1\*\* · added by [^·]+ · <t:\d{10}:f>/);
    const restore = buttonsOf(history).find((button) => button.label === 'Restore r1')!;
    await reply(harness.emulator.clickButton(moderator(), history, restore.custom_id));
    expect(embedOf(await ask(member(), 'How big is the Discord engineering team?')).description).toBe('Version one.');
    expect(harness.store.entries.get(entryId)?.revision).toBe(3);
  });

  it('a member without the permission is refused on the command, a forged button and a forged form', async () => {
    const { entryId } = await addEntry(moderator(), {
      ...migration,
      question: 'What does Discord use for search?',
      answer: 'Elasticsearch.',
      tags: 'Discord',
    });
    const warningsBefore = harness.logs.find('refused curation by a non-curator').length;

    const command = await reply(await faq(member(), 'add'));
    expect(command.content).toMatch(/Only this server’s curators/);
    const forgedButton = await reply(harness.emulator.clickButton(member(), command, `sw1:fr:1:${entryId}`));
    expect(forgedButton.content).toMatch(/Only this server’s curators/);
    const forgedForm = await reply(
      harness.emulator.submitModal({
        customId: `sw1:me:1:${entryId}`,
        userId: guild(0).member.id,
        guildId: guild(0).id,
        fields: { ...migration, question: 'What does Discord use for search?', answer: 'Hijacked.' },
      }),
    );
    expect(forgedForm.content).toMatch(/Only this server’s curators/);

    expect(harness.store.entries.get(entryId)).toMatchObject({ revision: 1, removed: false, content: { answer: 'Elasticsearch.' } });
    expect(harness.logs.find('refused curation by a non-curator').length).toBe(warningsBefore + 3);
  });

  it("server A's entry is invisible and untouchable in server B", async () => {
    const { entryId } = await addEntry(moderator(0), {
      ...migration,
      question: 'What language is the Discord desktop client written in?',
      answer: 'Server A only.',
      tags: 'Discord',
    });
    expect(embedOf(await ask(member(1), 'What language is the Discord desktop client written in?')).description ?? '').not.toBe(
      'Server A only.',
    );
    const edit = await reply(await faq(moderator(1), 'edit', { entry: entryId }));
    expect(edit.content).toMatch(/can't find that entry in this server/);
    const forged = await reply(
      harness.emulator.submitModal({
        customId: `sw1:me:1:${entryId}`,
        userId: guild(1).moderator.id,
        guildId: guild(1).id,
        fields: { ...migration, answer: 'Overwritten from B.' },
      }),
    );
    expect(forged.content).toMatch(/no longer exists in this server/);
    const removal = await reply(harness.emulator.clickButton(moderator(1), edit, `sw1:fr:1:${entryId}`));
    expect(removal.content).toMatch(/no longer exists in this server/);
    expect(harness.store.entries.get(entryId)).toMatchObject({ guildId: guild(0).id, revision: 1, removed: false });
    const autocomplete = harness.emulator.sendAutocomplete({
      ...moderator(1),
      name: 'faq',
      subcommand: 'edit',
      focused: 'entry',
      value: 'discord desktop client',
    });
    await autocomplete.response;
    expect(JSON.stringify(autocomplete.choices ?? [])).not.toContain(entryId);
  });

  it('the unanswered queue groups similar wordings; "Create entry" answers them all', async () => {
    await ask(member(), 'Does Netflix use Zig?');
    await ask(member(), 'does netflix use zig');
    await ask(member(), 'Is Zig used by Netflix?');
    const queue = await reply(await faq(moderator(), 'unanswered'));
    expect(embedOf(queue).description).toMatch(/\*\*1\.\*\* .*zig.* · asked 3×/i);
    const create = buttonsOf(queue).find((button) => button.label === '1 · Create entry')!;
    const { modal } = await submitForm(moderator(), harness.emulator.clickButton(moderator(), queue, create.custom_id), {
      question: 'Does Netflix use Zig?',
      answer: 'Not that Netflix has said in public.',
      phrasings: '',
      tags: 'Netflix',
      sources: '',
    });
    expect(JSON.stringify(modal)).toContain('Zig');
    const after = await reply(await faq(moderator(), 'unanswered'));
    expect(embedOf(after).description ?? after.content).not.toMatch(/zig/i);
    expect(embedOf(await ask(member(), 'Does Netflix use Zig?')).description).toBe('Not that Netflix has said in public.');
  });

  it('the queue marks a question an entry now answers, and "Add as phrasing" offers no duplicate', async () => {
    const question = 'How does Discord fan out messages to huge servers?';
    await ask(member(), question);
    const before = await reply(await faq(moderator(), 'unanswered'));
    await addEntry(moderator(), { ...migration, question, answer: 'With Elixir processes per guild.', phrasings: '' });
    // A queue shown before the entry was added: "Add as phrasing" now says it is asked already.
    const beforeRow =
      embedOf(before)
        .description!.split('\n')
        .findIndex((line) => line.includes(question)) + 1;
    const stale = buttonsOf(before).find((button) => button.label === `${beforeRow} · Add as phrasing`)!;
    const already = await reply(harness.emulator.clickButton(moderator(), before, stale.custom_id));
    expect(already.content).toMatch(/is already asked by \*\*How does Discord fan out messages to huge servers\?\*\*/);
    expect(buttonsOf(already).map((button) => button.label)).toEqual(['Dismiss']);
    const queue = await reply(await faq(moderator(), 'unanswered'));
    const rows = embedOf(queue).description!.split('\n');
    const row = rows.findIndex((line) => line.includes(question)) + 1;
    expect(rows[row - 1]).toMatch(new RegExp(`✓ now answered by “${question.replace(/\?/g, '\\?')}”`));
    const labels = buttonsOf(queue).map((button) => button.label);
    expect(labels).toContain(`${row} · Dismiss`);
    expect(labels).not.toContain(`${row} · Add as phrasing`);
    expect(labels).not.toContain(`${row} · Create entry`);
  });

  it('"Add as phrasing" attaches a queued question to an entry the curator picks; "Dismiss" empties the row', async () => {
    await ask(member(), 'Where does Netflix keep its viewing history data?');
    await ask(member(), 'Does Netflix use Haskell?');
    const queue = await reply(await faq(moderator(), 'unanswered'));
    const rows = embedOf(queue).description!.split('\n');
    const databaseRow = rows.findIndex((line) => line.includes('Where does Netflix keep its viewing history data?')) + 1;
    const haskellRow = rows.findIndex((line) => line.includes('Does Netflix use Haskell?')) + 1;
    expect(databaseRow).toBeGreaterThan(0);
    expect(haskellRow).toBeGreaterThan(0);

    const phrasing = buttonsOf(queue).find((button) => button.label === `${databaseRow} · Add as phrasing`)!;
    const choices = await reply(harness.emulator.clickButton(moderator(), queue, phrasing.custom_id));
    expect(choices.content).toMatch(/as another phrasing of which entry/);
    // The closest entries are offered; the curator picks one.
    const target = buttonsOf(choices)[0]!;
    const added = await reply(harness.emulator.clickButton(moderator(), choices, target.custom_id));
    expect(added.content).toContain(`as a phrasing of **${target.label}**`);
    expect(embedOf(await ask(member(), 'Where does Netflix keep its viewing history data?')).title).toBe(target.label);
    // A shipped entry gets a copy for this server only: the other server is untouched.
    expect(harness.engine.ask('Where does Netflix keep its viewing history data?', { guildId: guild(1).id }).status).not.toBe('answered');

    const fresh = await reply(await faq(moderator(), 'unanswered'));
    const row =
      embedOf(fresh)
        .description!.split('\n')
        .findIndex((line) => line.includes('Does Netflix use Haskell?')) + 1;
    const dismiss = buttonsOf(fresh).find((button) => button.label === `${row} · Dismiss`)!;
    await harness.emulator.clickButton(moderator(), fresh, dismiss.custom_id).response;
    const after = harness.emulator.message(fresh.id)!;
    expect(embedOf(after).description ?? after.content).not.toMatch(/Haskell/);
    expect(embedOf(after).description ?? after.content).not.toMatch(/viewing history/);
  });

  it('/faq feedback ranks entries by "Not helpful" votes, with buttons to edit them', async () => {
    const answer = await ask(member(), 'Which database does Netflix use?');
    const notHelpful = buttonsOf(answer).find((button) => button.label === 'Not helpful')!;
    await harness.emulator.clickButton(member(), answer, notHelpful.custom_id).response;
    const feedback = await reply(await faq(moderator(), 'feedback'));
    expect(embedOf(feedback).description).toMatch(/\*\*1\.\*\* .+ · 👎 1 · 👍 0/);
    expect(buttonsOf(feedback).map((button) => button.label)).toContain('Edit 1');
    const inOtherServer = await reply(await faq(moderator(1), 'feedback'));
    expect(inOtherServer.content).toMatch(/No “Not helpful” votes in this server yet/);
  });

  it('"Add to FAQ" on a message opens the form with the message as the answer', async () => {
    const posted = harness.emulator.postUserMessage({
      channelId: guild(0).channelId,
      userId: guild(0).member.id,
      content: 'Discord moved to **ScyllaDB** in 2022.',
    });
    const opened = await harness.emulator.sendMessageContextMenu({
      name: 'Add to FAQ',
      messageId: posted.id,
      userId: guild(0).moderator.id,
    }).response;
    expect(opened.type).toBe(9);
    expect(JSON.stringify(opened.data)).toContain('Discord moved to **ScyllaDB** in 2022.');
    const refused = await reply(
      harness.emulator.sendMessageContextMenu({ name: 'Add to FAQ', messageId: posted.id, userId: guild(0).member.id }),
    );
    expect(refused.content).toMatch(/Only this server’s curators/);

    const answer = await ask(member(), 'Which database does Netflix use?');
    const fromEmbed = await harness.emulator.sendMessageContextMenu({
      name: 'Add to FAQ',
      messageId: answer.id,
      userId: guild(0).moderator.id,
    }).response;
    expect(JSON.stringify(fromEmbed.data)).toContain('"value":"Which database does Netflix use?"');
    expect(JSON.stringify(fromEmbed.data)).toContain('Cassandra');
  });
});

describe('export and import through Discord', () => {
  it('/faq export gives a corpus file that /faq import brings into another server after a dry run', async () => {
    await addEntry(moderator(0), {
      ...migration,
      question: 'Which language does Discord use for its media proxy?',
      answer: 'Go, per the blog.',
      tags: 'Discord, Go',
    });
    const exported = await reply(await faq(moderator(0), 'export'));
    expect(exported.content).toMatch(/entries from this server, in the corpus format/);
    // As Discord names it above a reply: the command with its subcommand.
    expect(exported.interaction?.name).toBe('faq export');
    const attachment = exported.attachments[0]!;
    expect(attachment.filename).toMatch(/^stackwise-faq-.*\.yaml$/);
    const text = await (await fetch(attachment.url)).text();
    expect(text).toContain('question: Which language does Discord use for its media proxy?');

    const preview = await finalReply(await faq(moderator(1), 'import', { file: { filename: 'from-a.yaml', content: text } }));
    expect(preview.content).toMatch(/Dry run of `from-a.yaml`: \d+ to add.*Nothing has changed yet/);
    expect(harness.store.entries.list(guild(1).id)).toEqual([]);
    const confirm = buttonsOf(preview).find((button) => button.label === 'Import')!;
    // A confirmed import is deferred, then the preview is edited with the outcome.
    const imported = harness.emulator.waitFor(
      'messageUpdate',
      (message) => message.id === preview.id && /Imported/.test(message.content),
      5000,
    );
    await harness.emulator.clickButton(moderator(1), preview, confirm.custom_id).response;
    expect((await imported).content).toMatch(/Imported `from-a.yaml`: \d+ entries written/);
    expect(embedOf(await ask(member(1), 'Which language does Discord use for its media proxy?')).description).toBe('Go, per the blog.');

    const reexported = await reply(await faq(moderator(1), 'export'));
    const textB = await (await fetch(reexported.attachments[0]!.url)).text();
    const questions = (yaml: string) => [...yaml.matchAll(/^ {4}question: (.*)$/gm)].map((match) => match[1]).sort();
    expect(questions(textB)).toEqual(questions(text));
  });

  it('a malformed import file changes nothing and says why, line by line', async () => {
    const before = JSON.stringify(harness.store.entries.all());
    const bad = 'entries:\n  - question: Does Discord use Elixir?\n    answer: ""\n    colour: blue\n';
    const refused = await finalReply(await faq(moderator(0), 'import', { file: { filename: 'bad.yaml', content: bad } }));
    expect(refused.content).toMatch(/couldn't import `bad.yaml`, so nothing was changed/);
    expect(refused.content).toMatch(/bad\.yaml:3: missing answer/);
    expect(refused.content).toMatch(/bad\.yaml:4: unknown field "colour"/);
    const wrongKind = await reply(await faq(moderator(0), 'import', { file: { filename: 'notes.txt', content: 'hello' } }));
    expect(wrongKind.content).toMatch(/expected a \.yaml file/);
    expect(JSON.stringify(harness.store.entries.all())).toBe(before);
  });
});

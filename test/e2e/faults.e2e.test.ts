import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EmulatedMessage } from '../../src/sandbox/emulator/index.js';
import { Store } from '../../src/store/index.js';
import { type Harness, startHarness } from '../helpers/bot-harness.js';
import { copyOfFixture, FIXTURE_CORPUS, SHIPPED_CORPUS } from '../helpers/fixture.js';
import { startMain } from '../helpers/main-process.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

const IMPORT_ENTRIES = 10_000;

const member = (h: Harness) => ({ guildId: h.emulator.guilds[0]!.id, userId: h.emulator.guilds[0]!.member.id });
const moderator = (h: Harness) => ({ guildId: h.emulator.guilds[0]!.id, userId: h.emulator.guilds[0]!.moderator.id });

/** A YAML alias bomb: nine levels of nine aliases each, a few hundred bytes that expand to 387 million nodes. */
function aliasBomb(indent: string): string {
  const levels = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]'];
  for (let level = 1; level < 9; level++) {
    const name = String.fromCharCode(97 + level);
    levels.push(
      `${name}: &${name} [${Array(9)
        .fill(`*${String.fromCharCode(96 + level)}`)
        .join(', ')}]`,
    );
  }
  return levels.map((line) => indent + line).join('\n');
}

/** Polls `check` every 20 ms for at most `timeoutMs`. */
async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !check(); ) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The reply once it has content (a deferred reply is edited later). */
async function finalReply(h: Harness, sent: { id: string; response: Promise<unknown> }): Promise<EmulatedMessage> {
  await sent.response;
  await until(() => (h.emulator.originalMessage(sent.id)?.content ?? '') !== '', 60_000);
  return h.emulator.originalMessage(sent.id)!;
}

/** /ask every 20 ms until stopped; each must be answered within Discord's 3 s. */
function askStream(h: Harness) {
  const asks: { id: string; response: Promise<unknown> }[] = [];
  const timer = setInterval(() => asks.push(h.emulator.sendCommand(member(h), 'ask', { question: 'Does Netflix use Apache Spark?' })), 20);
  return {
    async stop() {
      clearInterval(timer);
      const settled = await Promise.allSettled(asks.map((ask) => ask.response));
      const refused = asks.filter((ask) => (h.emulator.interaction(ask.id)?.refusedCallbacks.length ?? 0) > 0);
      return { sent: asks.length, lost: settled.filter((result) => result.status === 'rejected').length + refused.length };
    },
  };
}

describe('heavy work while questions keep coming', () => {
  it(`a ${IMPORT_ENTRIES.toLocaleString('en')}-entry /faq import (dry run, confirm, and a second dry run in the server now holding it) loses no /ask`, async () => {
    // The shipped corpus: a duplicate check that searched it took seconds per 10,000 entries.
    harness = await startHarness({
      corpusDir: SHIPPED_CORPUS,
      env: { MAX_IMPORT_ENTRIES: String(IMPORT_ENTRIES), MAX_SERVER_ENTRIES: String(2 * IMPORT_ENTRIES), ASK_COOLDOWN_LIMIT: '1000' },
    });
    const h = harness;
    const importFile = (thing: string) => {
      const lines = ['entries:'];
      for (let index = 0; index < IMPORT_ENTRIES; index++) {
        lines.push(`  - question: How does team ${index} ship ${thing} ${index % 89}?`, `    answer: Small steps, number ${index}.`);
      }
      return { filename: 'many.yaml', content: `${lines.join('\n')}\n` };
    };
    const file = importFile('widget');
    expect(Buffer.byteLength(file.content)).toBeLessThan(1024 * 1024);
    const dryRun = (content: { filename: string; content: string }) =>
      finalReply(h, h.emulator.sendCommand({ ...moderator(h), name: 'faq', subcommand: 'import', options: { file: content } }));

    const stream = askStream(h);
    const preview = await dryRun(file);
    expect(preview.content).toMatch(/Dry run of `many.yaml`: 10000 to add/);
    const button = (preview.components as { components: { label?: string; custom_id?: string }[] }[])
      .flatMap((row) => row.components)
      .find((component) => component.label === 'Import')!;
    await h.emulator.clickButton(moderator(h), preview, button.custom_id!).response;
    await until(() => /Imported/.test(h.emulator.message(preview.id)?.content ?? ''), 120_000);
    // The duplicate check of a second file costs the same with the first file's entries in the server.
    expect((await dryRun(importFile('gadget'))).content).toMatch(/Dry run of `many.yaml`: 10000 to add/);
    const { sent, lost } = await stream.stop();

    expect(sent).toBeGreaterThan(0);
    expect(lost).toBe(0);
    expect(h.emulator.message(preview.id)!.content).toMatch(/10000 entries written/);
    expect(h.store.entries.list(member(h).guildId)).toHaveLength(IMPORT_ENTRIES);
    const answer = await h.emulator.sendCommand(member(h), 'ask', { question: 'How does team 9999 ship widget 31?' }).response;
    expect(JSON.stringify(answer.data)).toContain('Small steps, number 9999.');
  }, 180_000);
});

describe('bad content gets a located problem', () => {
  it('an import with a YAML alias bomb, or questions with no words, is refused line by line, not with "Something went wrong"', async () => {
    harness = await startHarness();
    const h = harness;
    const importing = async (content: string) =>
      (
        await finalReply(
          h,
          h.emulator.sendCommand({
            ...moderator(h),
            name: 'faq',
            subcommand: 'import',
            options: { file: { filename: 'x.yaml', content } },
          }),
        )
      ).content;
    const bomb = await importing(`entries:\n  - question: Does Netflix use Kafka?\n    answer: Yes.\n${aliasBomb('    ')}\n`);
    expect(bomb).toMatch(/couldn't import `x.yaml`/);
    expect(bomb).toMatch(/x\.yaml:\d+: YAML: .*alias/i);
    const wordless = await importing(
      'entries:\n  - question: "🚀🚀🚀"\n    answer: Emoji only.\n  - question: "\u200b\u200b"\n    answer: Zero-width.\n  - question: "Does\\0 it?"\n    answer: A NUL.\n',
    );
    expect(wordless).toMatch(/x\.yaml:2: The question has no words/);
    expect(wordless).toMatch(/x\.yaml:4: The question has no words/);
    expect(wordless).toMatch(/x\.yaml:6: .*control character/);
    for (const content of [bomb, wordless]) expect(content).not.toMatch(/Something went wrong|try again/i);
    expect(h.store.entries.list(member(h).guildId)).toEqual([]);
  });

  it('the /faq add form says what is wrong with a question that has no words, and keeps the text', async () => {
    harness = await startHarness();
    const h = harness;
    const opened = await h.emulator.sendCommand({ ...moderator(h), name: 'faq', subcommand: 'add' }).response;
    const fields = { question: '🚀🚀 \u200b', answer: 'An answer that stays.', phrasings: '', tags: 'Netflix', sources: '' };
    const sent = h.emulator.submitModal(moderator(h), String(opened.data.custom_id), fields);
    await sent.response;
    const reply = h.emulator.originalMessage(sent.id)!;
    const shown = JSON.stringify(reply);
    expect(shown).toMatch(/no words/);
    expect(shown).not.toMatch(/try again/i);
    expect(shown).toContain('An answer that stays.');
  });

  it('a corpus file with an alias bomb at start is skipped with its problem, and the rest loads', async () => {
    const copy = await copyOfFixture();
    try {
      await copy.write('companies/bomb.yaml', `${aliasBomb('')}\n`);
      harness = await startHarness({ corpusDir: copy.dir });
      const response = await harness.emulator.sendCommand(member(harness), 'ask', { question: 'Does Netflix use Apache Kafka?' }).response;
      expect((response.data.embeds as { title: string }[] | undefined)?.[0]?.title).toBe('Does Netflix use Apache Kafka?');
      const skipped = harness.logs.find('corpus problem: file skipped or field ignored');
      expect(skipped.some((line) => String(line.file).endsWith('bomb.yaml') && /alias/i.test(String(line.message)))).toBe(true);
    } finally {
      await copy.cleanup();
    }
  });
});

/** Starts npm start's entry point on `dataDir`, expects it to exit 1 with one line on stderr, and returns that line. */
async function refusedStart(dataDir: string): Promise<string> {
  const main = startMain({
    DISCORD_TOKEN: 'x'.repeat(59),
    DISCORD_APPLICATION_ID: '123456789012345678',
    CORPUS_DIR: FIXTURE_CORPUS,
    DATA_DIR: dataDir,
  });
  expect(await main.exited()).toBe(1);
  const lines = main.stderr().trim().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

describe('a store that cannot be used', () => {
  it('a damaged database stops npm start with one line naming the file and how to restore it', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'stackwise-damaged-'));
    try {
      const store = Store.open(dataDir);
      const votes = store.db.prepare('INSERT INTO votes (guild_id, entry_id, user_id, value, updated_at) VALUES (?, ?, ?, 1, 0)');
      store.db.transaction(() => {
        for (let index = 0; index < 5000; index++) votes.run('g', `entry-${index}`, `user-${index}`);
      })();
      store.db.pragma('wal_checkpoint(TRUNCATE)');
      store.close();
      // One page in the middle of the file overwritten with junk.
      const file = path.join(dataDir, 'stackwise.sqlite');
      const { open } = await import('node:fs/promises');
      const handle = await open(file, 'r+');
      await handle.write(Buffer.alloc(4096, 0x5a), 0, 4096, 8 * 4096);
      await handle.close();

      const line = await refusedStart(dataDir);
      expect(line).toContain(`${file} is damaged`);
      expect(line).toMatch(/restore a backup/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('an unusable DATA_DIR stops npm start with one line naming it', async () => {
    const parent = await mkdtemp(path.join(tmpdir(), 'stackwise-unusable-'));
    const dataDir = path.join(parent, 'not-a-folder');
    await writeFile(dataDir, 'a file where the data folder should be');
    try {
      expect(await refusedStart(dataDir)).toContain(dataDir);
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});

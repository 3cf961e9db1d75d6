import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { deployCommands } from '../../src/discord/deploy.js';
import { DiscordEmulator } from '../../src/sandbox/emulator/index.js';
import { DATABASE_FILE } from '../../src/store/database.js';
import { FIXTURE_CORPUS } from '../helpers/fixture.js';
import { loginEnv } from '../helpers/main-process.js';

/** How long the bot process may take to connect, and to exit once killed. */
const READY_TIMEOUT_MS = 30_000;
const EDITS_BEFORE_KILL = 12;

let emulator: DiscordEmulator;
let dataDir: string;
let bot: ChildProcess | undefined;

beforeAll(async () => {
  emulator = await DiscordEmulator.start({ interactionDeadlineMs: 2000 });
  dataDir = await mkdtemp(path.join(tmpdir(), 'stackwise-kill-'));
  for (const guild of emulator.guilds) {
    await deployCommands(
      { token: emulator.token, applicationId: emulator.applicationId, apiBase: emulator.apiBase, guildId: guild.id },
      COMMANDS,
    );
  }
});
afterAll(async () => {
  if (bot?.pid && bot.exitCode === null) bot.kill('SIGKILL');
  await emulator?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** The real entry point, `src/main.ts`, in its own process, connected to the emulator. */
async function startBotProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH,
      ...loginEnv(emulator),
      DATA_DIR: dataDir,
      CORPUS_DIR: FIXTURE_CORPUS,
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const connected = emulator.waitFor('gateway', (event) => event.kind === 'identify', READY_TIMEOUT_MS);
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`bot exited with ${code}: ${stderr}`))));
  await Promise.race([connected, exited]);
  // READY and GUILD_CREATE follow IDENTIFY at once; give the client a moment to process them.
  for (let attempt = 0; attempt < 100; attempt++) {
    const probe = emulator.sendCommand({ guildId: emulator.guilds[0]!.id, userId: emulator.guilds[0]!.member.id, name: 'help' });
    const ok = await probe.response.then(
      () => true,
      () => false,
    );
    if (ok) return child;
    await delay(100);
  }
  throw new Error(`bot never answered: ${stderr}`);
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

const fields = (answer: string) => ({
  question: 'How does Discord fan out messages?',
  answer,
  phrasings: '',
  tags: 'Discord',
  sources: '',
});

describe('durability', () => {
  it('a bot killed with SIGKILL during a stream of edits restarts with every acknowledged edit and nothing half-written', async () => {
    const guild = emulator.guilds[0]!;
    const moderator = { guildId: guild.id, userId: guild.moderator.id };
    bot = await startBotProcess();

    const opened = await emulator.sendCommand({ ...moderator, name: 'faq', subcommand: 'add' }).response;
    await emulator.submitModal(moderator, String(opened.data.custom_id), fields('Revision 1.')).response;
    const db = () => new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
    const entryId = (() => {
      const reader = db();
      try {
        return reader.prepare('SELECT entry_id FROM server_entries').pluck().get() as string;
      } finally {
        reader.close();
      }
    })();

    // Each edit is acknowledged by the bot's reply; the next one is based on it.
    let acknowledged = 1;
    for (let revision = 1; revision <= EDITS_BEFORE_KILL; revision++) {
      const reply = await emulator.submitModal({
        ...moderator,
        customId: `sw1:me:${revision}:${entryId}`,
        fields: fields(`Revision ${revision + 1}.`),
      }).response;
      expect(JSON.stringify(reply.data)).toContain(`revision ${revision + 1}`);
      acknowledged = revision + 1;
    }
    // One more edit in flight, and the kill right behind it.
    const inFlight = emulator.submitModal({
      ...moderator,
      customId: `sw1:me:${acknowledged}:${entryId}`,
      fields: fields(`Revision ${acknowledged + 1}.`),
    });
    inFlight.response.catch(() => undefined);
    await killed(bot);

    const reader = db();
    try {
      expect(reader.pragma('integrity_check', { simple: true })).toBe('ok');
      const entry = reader.prepare('SELECT revision, content FROM server_entries WHERE entry_id = ?').get(entryId) as {
        revision: number;
        content: string;
      };
      const revisions = reader
        .prepare('SELECT revision, content FROM entry_revisions WHERE entry_id = ? ORDER BY revision')
        .all(entryId) as { revision: number; content: string }[];
      // Every acknowledged edit is there; the one in flight is there whole or not at all.
      expect(entry.revision).toBeGreaterThanOrEqual(acknowledged);
      expect(entry.revision).toBeLessThanOrEqual(acknowledged + 1);
      expect(revisions.map((row) => row.revision)).toEqual(Array.from({ length: entry.revision }, (_, index) => index + 1));
      for (const row of revisions) expect(JSON.parse(row.content).answer).toBe(`Revision ${row.revision}.`);
      expect(revisions.at(-1)!.content).toBe(entry.content);
    } finally {
      reader.close();
    }

    bot = await startBotProcess();
    const asked = await emulator.sendCommand({
      guildId: guild.id,
      userId: guild.member.id,
      name: 'ask',
      options: { question: 'How does Discord fan out messages?' },
    }).response;
    expect(JSON.stringify(asked.data)).toMatch(new RegExp(`Revision (${acknowledged}|${acknowledged + 1})\\.`));
    await killed(bot);
  }, 90_000);
});

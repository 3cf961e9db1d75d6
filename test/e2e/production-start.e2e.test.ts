import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { deployCommands } from '../../src/discord/deploy.js';
import { DiscordEmulator } from '../../src/sandbox/emulator/index.js';
import { DATABASE_FILE } from '../../src/store/database.js';
import { FIXTURE_CORPUS } from '../helpers/fixture.js';
import { loginEnv, startNpmStart } from '../helpers/main-process.js';

/** The program a process runs, as the kernel has it (Linux, as in CI). */
async function commandLine(pid: number): Promise<string> {
  return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').join(' ').trim();
}

describe('npm start, the production start', () => {
  it('runs the bot built into plain JavaScript (no tsx) and answers /ask from Discord', async () => {
    const emulator = await DiscordEmulator.start();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'stackwise-production-'));
    const guild = emulator.guilds[0]!;
    await deployCommands(
      { token: emulator.token, applicationId: emulator.applicationId, apiBase: emulator.apiBase, guildId: guild.id },
      COMMANDS,
    );
    const npm = startNpmStart({
      ...loginEnv(emulator),
      CORPUS_DIR: FIXTURE_CORPUS,
      DATA_DIR: dataDir,
      LOG_FORMAT: 'json',
    });
    try {
      const deadline = Date.now() + 30_000;
      while (!npm.output().includes('bot ready') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(npm.output()).toContain('bot ready');

      const response = await emulator.sendCommand({ guildId: guild.id, userId: guild.member.id }, 'ask', {
        question: 'Does Netflix use Apache Kafka?',
      }).response;
      expect((response.data.embeds as { title: string }[] | undefined)?.[0]?.title).toBe('Does Netflix use Apache Kafka?');

      // /faq stats draws its chart in the built worker thread (dist/chart-thread.js), once the bot has logged the question.
      const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
      try {
        const logged = () => db.prepare('SELECT COUNT(*) FROM ask_log').pluck().get() as number;
        const loggedBy = Date.now() + 5000;
        while (logged() === 0 && Date.now() < loggedBy) await new Promise((resolve) => setTimeout(resolve, 20));
        expect(logged()).toBe(1);
      } finally {
        db.close();
      }
      const stats = emulator.sendCommand({ guildId: guild.id, userId: guild.moderator.id, name: 'faq', subcommand: 'stats' });
      const edited = emulator.waitFor(
        'messageUpdate',
        (message) => message.interactionId === stats.id && message.embeds.length > 0,
        20_000,
      );
      expect((await stats.response).type).toBe(5);
      expect((await edited).attachments.map((attachment) => attachment.filename)).toEqual(['questions-per-day.png']);

      // npm's script is `exec node … scripts/start.mjs`, which runs dist/main.js in that process: the bot is npm's child, with source maps on.
      const children = (await readFile(`/proc/${npm.child.pid}/task/${npm.child.pid}/children`, 'utf8')).trim().split(/\s+/).map(Number);
      const bot = await commandLine(children[0]!);
      expect(bot).toMatch(/node --enable-source-maps --max-semi-space-size=16 scripts\/start\.mjs$/);
      expect(bot).not.toMatch(/tsx/);
      // The maps lead stack traces back to the TypeScript files.
      const maps = (await readdir('dist')).filter((file) => file.endsWith('.js.map'));
      const sources = new Set<string>();
      for (const file of maps) {
        for (const source of (JSON.parse(await readFile(path.join('dist', file), 'utf8')) as { sources: string[] }).sources)
          sources.add(source);
      }
      expect([...sources]).toEqual(expect.arrayContaining(['../src/main.ts', '../src/app.ts', '../src/discord/router.ts']));

      npm.child.kill('SIGTERM');
      expect(await npm.exited(10_000)).toBe(0);
    } finally {
      npm.killAll();
      await emulator.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError, schemaVersion } from '../../src/store/database.js';
import { Store } from '../../src/store/index.js';
import { MIGRATIONS } from '../../src/store/migrations.js';

const run = promisify(execFile);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'stackwise-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('Store', () => {
  it('creates the database on first open, migrated to the latest version', () => {
    const store = Store.open(dir);
    expect(schemaVersion(store.db)).toBe(Math.max(...MIGRATIONS.map((migration) => migration.version)));
    store.close();
    const again = Store.open(dir);
    expect(schemaVersion(again.db)).toBe(MIGRATIONS.length);
    again.close();
  });

  it('keeps one vote per user per entry: change it, take it back', () => {
    const store = Store.open(dir);
    expect(store.votes.toggle('g1', 'e1', 'u1', 1)).toEqual({ vote: 1, tally: { helpful: 1, notHelpful: 0 } });
    expect(store.votes.toggle('g1', 'e1', 'u1', -1)).toEqual({ vote: -1, tally: { helpful: 0, notHelpful: 1 } });
    expect(store.votes.toggle('g1', 'e1', 'u1', -1)).toEqual({ vote: null, tally: { helpful: 0, notHelpful: 0 } });
    store.votes.toggle('g1', 'e1', 'u2', 1);
    store.votes.toggle('g1', 'e1', 'u3', 1);
    expect(store.votes.tally('g1', 'e1')).toEqual({ helpful: 2, notHelpful: 0 });
    expect(store.votes.tally('g2', 'e1')).toEqual({ helpful: 0, notHelpful: 0 });
    store.close();
  });

  it('keeps votes and unanswered questions across a reopen', () => {
    const store = Store.open(dir);
    store.votes.toggle('g1', 'e1', 'u1', 1);
    store.unanswered.record('g1', 'Does Netflix use Zig?', 'unsure', 'ana', 1000);
    store.unanswered.record('g1', 'does netflix use zig', 'unsure', 'bo', 2000);
    store.unanswered.record('g2', 'What is the weather?', 'out_of_scope', null, 3000);
    store.close();
    const reopened = Store.open(dir);
    expect(reopened.votes.tally('g1', 'e1')).toEqual({ helpful: 1, notHelpful: 0 });
    expect(reopened.unanswered.list('g1')).toEqual([
      expect.objectContaining({
        guildId: 'g1',
        question: 'Does Netflix use Zig?',
        status: 'unsure',
        askCount: 2,
        firstAskedAt: 1000,
        lastAskedAt: 2000,
        firstAskedBy: 'ana',
        resolution: null,
      }),
    ]);
    reopened.close();
  });
});

describe('auto-answer settings and threads', () => {
  it('keeps the opted-in channels and the confidence per server, and claims each thread once, also after a reopen', () => {
    const store = Store.open(dir);
    expect(store.autoAnswer.addChannel('g1', 'c1', 'u1', 1)).toBe(true);
    expect(store.autoAnswer.addChannel('g1', 'c1', 'u1', 2)).toBe(false);
    store.autoAnswer.addChannel('g1', 'c2', 'u1', 3);
    store.autoAnswer.setMinConfidence('g1', 0.95);
    expect(store.autoAnswer.claimThread('g1', 'c1', 't1', 'author')).toBe(true);
    expect(store.autoAnswer.claimThread('g1', 'c1', 't1', 'author')).toBe(false);
    store.close();

    const reopened = Store.open(dir);
    const autoAnswer = reopened.autoAnswer;
    expect(autoAnswer.channels('g1')).toEqual(['c1', 'c2']);
    expect(autoAnswer.isEnabled('g2', 'c1')).toBe(false);
    expect(autoAnswer.minConfidence('g1')).toBe(0.95);
    expect(autoAnswer.minConfidence('g2')).toBeUndefined();
    expect(autoAnswer.claimThread('g1', 'c1', 't1', 'author')).toBe(false);
    autoAnswer.finishThread('t1', 'answered', { messageId: 'm1', entryId: 'e1' });
    expect(autoAnswer.thread('g1', 't1')).toMatchObject({ outcome: 'answered', messageId: 'm1', entryId: 'e1', authorId: 'author' });
    // Another server never sees it, whatever the id.
    expect(autoAnswer.thread('g2', 't1')).toBeUndefined();
    expect(autoAnswer.markSolved('g2', 't1', 'u9')).toBe(false);
    expect(autoAnswer.markSolved('g1', 't1', 'author')).toBe(true);
    expect(autoAnswer.markSolved('g1', 't1', 'someone')).toBe(false);
    expect(autoAnswer.thread('g1', 't1')?.solvedBy).toBe('author');
    expect(autoAnswer.removeChannel('g1', 'c1')).toBe(true);
    expect(autoAnswer.removeChannel('g1', 'c1')).toBe(false);
    expect(autoAnswer.channels('g1')).toEqual(['c2']);
    reopened.close();
  });
});

describe('a store that cannot be used', () => {
  const fill = () => {
    const store = Store.open(dir);
    for (let index = 0; index < 3000; index++) store.votes.toggle('g1', `entry-${index}`, `user-${index}`, 1);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
  };

  it('refuses a damaged database with one line naming the file and how to restore it', async () => {
    fill();
    const file = path.join(dir, 'stackwise.sqlite');
    const bytes = await readFile(file);
    // Damage one page in the middle of the file, as a bad disk sector would.
    bytes.fill(0xa5, 4096 * 5, 4096 * 6);
    await writeFile(file, bytes);
    expect(() => Store.open(dir)).toThrow(StoreError);
    const message = (() => {
      try {
        Store.open(dir);
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message.startsWith(`${file} is damaged (`)).toBe(true);
    expect(message).toMatch(/restore a backup over it/);
    expect(message).not.toContain('\n');
  });

  it('refuses a DATA_DIR it cannot write into, naming it', async () => {
    const notAFolder = path.join(dir, 'file');
    await writeFile(notAFolder, 'x');
    expect(() => Store.open(notAFolder)).toThrow(/^DATA_DIR .*file cannot hold the database/);
  });

  it('npm run backup writes a consistent copy with every row', async () => {
    fill();
    const destination = path.join(dir, 'copy.sqlite');
    await run('npx', ['tsx', 'src/cli/backup.ts', destination], { env: { ...process.env, DATA_DIR: dir } });
    const copyDir = path.join(dir, 'restored');
    await mkdir(copyDir);
    await writeFile(path.join(copyDir, 'stackwise.sqlite'), await readFile(destination));
    const restored = Store.open(copyDir);
    expect(restored.votes.tally('g1', 'entry-2999')).toEqual({ helpful: 1, notHelpful: 0 });
    expect(restored.db.prepare('SELECT count(*) FROM votes').pluck().get()).toBe(3000);
    restored.close();
  });
});

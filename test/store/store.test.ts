import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schemaVersion } from '../../src/store/database.js';
import { Store } from '../../src/store/index.js';
import { MIGRATIONS } from '../../src/store/migrations.js';

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

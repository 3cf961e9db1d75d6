/**
 * npm run backup [-- DEST]
 * A consistent copy of the store while the bot runs, with SQLite's online backup (better-sqlite3's
 * db.backup): written to a temporary file, then renamed into place, so a cut-short backup never
 * replaces a good one. DEST defaults to DATA_DIR/backups/stackwise-<time>.sqlite.
 */
import 'dotenv/config';
import { mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../config.js';
import { StoreError } from '../store/database.js';
import { Store } from '../store/index.js';

try {
  const config = loadConfig();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const destination = path.resolve(process.argv[2] ?? path.join(config.dataDir, 'backups', `stackwise-${stamp}.sqlite`));
  mkdirSync(path.dirname(destination), { recursive: true });
  const store = Store.open(config.dataDir);
  try {
    const partial = `${destination}.partial`;
    await store.db.backup(partial);
    renameSync(partial, destination);
  } finally {
    store.close();
  }
  console.log(`Backed up ${path.join(config.dataDir, 'stackwise.sqlite')} to ${destination}`);
} catch (error) {
  const known = error instanceof ConfigError || error instanceof StoreError;
  console.error(known ? `backup: ${(error as Error).message}` : `backup failed: ${(error as Error).message}`);
  process.exitCode = 1;
}

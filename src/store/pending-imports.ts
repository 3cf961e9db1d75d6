import { randomBytes } from 'node:crypto';
import type { Db } from './database.js';

/** How long an import waits for its confirmation. */
const PENDING_IMPORT_TTL_MS = 30 * 60_000;

export interface PendingImport<Plan> {
  id: string;
  guildId: string;
  userId: string;
  plan: Plan;
  createdAt: number;
}

/**
 * Imports validated and shown as a dry run, waiting for the curator's confirmation.
 * Kept in the store so a restart between the dry run and the click loses nothing.
 */
export class PendingImportStore {
  private readonly insert;
  private readonly select;
  private readonly remove;
  private readonly expire;

  constructor(db: Db) {
    this.insert = db.prepare('INSERT INTO pending_imports (id, guild_id, user_id, plan, created_at) VALUES (?, ?, ?, ?, ?)');
    this.select = db.prepare(
      'SELECT id, guild_id AS guildId, user_id AS userId, plan, created_at AS createdAt FROM pending_imports WHERE id = ? AND guild_id = ?',
    );
    this.remove = db.prepare('DELETE FROM pending_imports WHERE id = ?');
    this.expire = db.prepare('DELETE FROM pending_imports WHERE created_at < ?');
  }

  save<Plan>(guildId: string, userId: string, plan: Plan, now = Date.now()): string {
    this.expire.run(now - PENDING_IMPORT_TTL_MS);
    const id = randomBytes(6).toString('hex');
    this.insert.run(id, guildId, userId, JSON.stringify(plan), now);
    return id;
  }

  /** The pending import, if it exists in this server and has not expired. */
  get<Plan>(guildId: string, id: string, now = Date.now()): PendingImport<Plan> | undefined {
    const row = this.select.get(id, guildId) as (Omit<PendingImport<Plan>, 'plan'> & { plan: string }) | undefined;
    if (!row || row.createdAt < now - PENDING_IMPORT_TTL_MS) return undefined;
    return { ...row, plan: JSON.parse(row.plan) as Plan };
  }

  delete(id: string): void {
    this.remove.run(id);
  }
}

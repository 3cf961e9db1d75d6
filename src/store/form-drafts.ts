import { randomBytes } from 'node:crypto';
import type { EntryContent } from '../corpus/types.js';
import type { Db } from './database.js';

/** How long "Edit and retry" keeps a curator's text. */
const FORM_DRAFT_TTL_MS = 60 * 60_000;

export interface FormDraft {
  /** The custom_id of the form the text came from, to reopen the same one. */
  form: string;
  content: EntryContent;
}

/**
 * A curator's form text that could not be saved (a problem, a full disk), kept so "Edit and retry"
 * reopens the form with it; in the store, so a restart in between loses nothing. Only the curator
 * who wrote it, in that server, gets it back.
 */
export class FormDraftStore {
  private readonly insert;
  private readonly select;
  private readonly expire;

  constructor(db: Db) {
    this.insert = db.prepare('INSERT INTO form_drafts (id, guild_id, user_id, form, content, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    this.select = db.prepare(
      'SELECT form, content, created_at AS createdAt FROM form_drafts WHERE id = ? AND guild_id = ? AND user_id = ?',
    );
    this.expire = db.prepare('DELETE FROM form_drafts WHERE created_at < ?');
  }

  save(guildId: string, userId: string, draft: FormDraft, now = Date.now()): string {
    this.expire.run(now - FORM_DRAFT_TTL_MS);
    const id = randomBytes(6).toString('hex');
    this.insert.run(id, guildId, userId, draft.form, JSON.stringify(draft.content), now);
    return id;
  }

  get(guildId: string, userId: string, id: string, now = Date.now()): FormDraft | undefined {
    const row = this.select.get(id, guildId, userId) as { form: string; content: string; createdAt: number } | undefined;
    if (!row || row.createdAt < now - FORM_DRAFT_TTL_MS) return undefined;
    return { form: row.form, content: JSON.parse(row.content) as EntryContent };
  }
}

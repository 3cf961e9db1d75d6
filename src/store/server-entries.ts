import type { EntryContent } from '../corpus/types.js';
import type { Db } from './database.js';

/** Who made a change, as the history shows it. */
export interface Author {
  id: string;
  name: string;
}

export type RevisionAction = 'add' | 'edit' | 'remove' | 'restore' | 'import';

/** An entry written in a server, at its current revision. */
export interface ServerEntryRecord {
  entryId: string;
  guildId: string;
  revision: number;
  /** The shipped entry this one replaces (or, when removed, hides) in its server. */
  overrides: string | null;
  removed: boolean;
  content: EntryContent;
  createdByName: string;
  createdAt: number;
  updatedByName: string;
  updatedAt: number;
}

export interface RevisionRecord {
  entryId: string;
  revision: number;
  action: RevisionAction;
  removed: boolean;
  content: EntryContent;
  author: Author;
  createdAt: number;
}

export interface EntryWrite {
  entryId: string;
  guildId: string;
  /** The revision the change was based on: 0 for a new entry. */
  baseRevision: number;
  action: RevisionAction;
  content: EntryContent;
  removed: boolean;
  overrides: string | null;
  author: Author;
  now: number;
}

/** The write was refused because the entry changed since `baseRevision`. */
export interface WriteConflict {
  conflict: true;
  current: ServerEntryRecord | undefined;
}

export function isConflict(result: ServerEntryRecord | WriteConflict): result is WriteConflict {
  return 'conflict' in result;
}

interface EntryRow {
  entryId: string;
  guildId: string;
  revision: number;
  overrides: string | null;
  removed: number;
  content: string;
  createdByName: string;
  createdAt: number;
  updatedByName: string;
  updatedAt: number;
}

interface RevisionRow {
  entryId: string;
  revision: number;
  action: RevisionAction;
  removed: number;
  content: string;
  authorId: string;
  authorName: string;
  createdAt: number;
}

const ENTRY_COLUMNS = `entry_id AS entryId, guild_id AS guildId, revision, overrides, removed, content,
  created_by_name AS createdByName, created_at AS createdAt, updated_by_name AS updatedByName, updated_at AS updatedAt`;

function toRecord(row: EntryRow): ServerEntryRecord {
  return { ...row, removed: row.removed === 1, content: JSON.parse(row.content) as EntryContent };
}

function toRevision(row: RevisionRow): RevisionRecord {
  const { authorId, authorName, ...rest } = row;
  return {
    ...rest,
    removed: row.removed === 1,
    content: JSON.parse(row.content) as EntryContent,
    author: { id: authorId, name: authorName },
  };
}

/** Entries read per page: a few milliseconds of JSON parsing. */
const PAGE_ENTRIES = 250;

/**
 * Entries written in servers, each with its full revision history. Every write checks the
 * revision it was based on and records a revision in the same transaction, so two curators
 * never silently overwrite each other and a crash never leaves an entry without its history.
 */
export class ServerEntryStore {
  private readonly selectOne;
  private readonly selectGuild;
  private readonly countLive;
  private readonly selectAll;
  private readonly selectPage;
  private readonly selectGuildPage;
  private readonly selectOverride;
  private readonly selectRevisions;
  private readonly insertEntry;
  private readonly updateEntry;
  private readonly insertRevision;

  constructor(private readonly db: Db) {
    this.selectOne = db.prepare(`SELECT ${ENTRY_COLUMNS} FROM server_entries WHERE entry_id = ?`);
    this.selectGuild = db.prepare(`SELECT ${ENTRY_COLUMNS} FROM server_entries WHERE guild_id = ? ORDER BY created_at, entry_id`);
    this.countLive = db.prepare('SELECT count(*) AS count FROM server_entries WHERE guild_id = ? AND removed = 0');
    this.selectAll = db.prepare(`SELECT ${ENTRY_COLUMNS} FROM server_entries ORDER BY guild_id, created_at, entry_id`);
    this.selectPage = db.prepare(`SELECT rowid, ${ENTRY_COLUMNS} FROM server_entries WHERE rowid > ? ORDER BY rowid LIMIT ?`);
    this.selectGuildPage = db.prepare(
      `SELECT rowid, ${ENTRY_COLUMNS} FROM server_entries WHERE guild_id = ? AND rowid > ? ORDER BY rowid LIMIT ?`,
    );
    this.selectOverride = db.prepare(`SELECT ${ENTRY_COLUMNS} FROM server_entries WHERE guild_id = ? AND overrides = ?`);
    this.selectRevisions = db.prepare(
      `SELECT entry_id AS entryId, revision, action, removed, content, author_id AS authorId, author_name AS authorName, created_at AS createdAt
       FROM entry_revisions WHERE entry_id = ? ORDER BY revision DESC LIMIT ?`,
    );
    this.insertEntry = db.prepare(
      `INSERT INTO server_entries (entry_id, guild_id, revision, overrides, removed, content, created_by_name, created_at, updated_by_name, updated_at)
       VALUES (@entryId, @guildId, 1, @overrides, @removed, @content, @authorName, @now, @authorName, @now)`,
    );
    this.updateEntry = db.prepare(
      `UPDATE server_entries SET revision = revision + 1, removed = @removed, content = @content, updated_by_name = @authorName, updated_at = @now
       WHERE entry_id = @entryId AND revision = @baseRevision`,
    );
    this.insertRevision = db.prepare(
      `INSERT INTO entry_revisions (entry_id, revision, guild_id, action, removed, content, author_id, author_name, created_at)
       VALUES (@entryId, @revision, @guildId, @action, @removed, @content, @authorId, @authorName, @now)`,
    );
  }

  get(entryId: string): ServerEntryRecord | undefined {
    const row = this.selectOne.get(entryId) as EntryRow | undefined;
    return row && toRecord(row);
  }

  list(guildId: string): ServerEntryRecord[] {
    return (this.selectGuild.all(guildId) as EntryRow[]).map(toRecord);
  }

  /** How many entries a server holds (removed ones do not count), without reading them. */
  count(guildId: string): number {
    return (this.countLive.get(guildId) as { count: number }).count;
  }

  all(): ServerEntryRecord[] {
    return (this.selectAll.all() as EntryRow[]).map(toRecord);
  }

  /**
   * Every entry (or one server's), a page per step in the order they were first written, so that a
   * large store is read in slices (see src/slices.ts) rather than all at once.
   */
  *pages(guildId?: string): Generator<ServerEntryRecord[], void, void> {
    for (let after = 0; ; ) {
      const rows = (
        guildId === undefined ? this.selectPage.all(after, PAGE_ENTRIES) : this.selectGuildPage.all(guildId, after, PAGE_ENTRIES)
      ) as (EntryRow & { rowid: number })[];
      if (rows.length === 0) return;
      after = rows[rows.length - 1]!.rowid;
      yield rows.map(toRecord);
    }
  }

  /** The server's replacement (or hiding) of a shipped entry. */
  overrideOf(guildId: string, shippedId: string): ServerEntryRecord | undefined {
    const row = this.selectOverride.get(guildId, shippedId) as EntryRow | undefined;
    return row && toRecord(row);
  }

  /** Newest first. */
  revisions(entryId: string, limit = 25): RevisionRecord[] {
    return (this.selectRevisions.all(entryId, limit) as RevisionRow[]).map(toRevision);
  }

  revision(entryId: string, revision: number): RevisionRecord | undefined {
    return this.revisions(entryId, Number.MAX_SAFE_INTEGER).find((record) => record.revision === revision);
  }

  /** One write, atomically: the entry and its new revision, or a conflict and nothing written. */
  write(change: EntryWrite): ServerEntryRecord | WriteConflict {
    return this.db.transaction(() => this.writeInTransaction(change)).immediate();
  }

  private writeInTransaction(change: EntryWrite): ServerEntryRecord | WriteConflict {
    const current = this.get(change.entryId);
    const currentRevision = current?.revision ?? 0;
    if (currentRevision !== change.baseRevision || (current && current.guildId !== change.guildId)) {
      return { conflict: true, current };
    }
    const params = {
      entryId: change.entryId,
      guildId: change.guildId,
      overrides: change.overrides,
      removed: change.removed ? 1 : 0,
      content: JSON.stringify(change.content),
      authorId: change.author.id,
      authorName: change.author.name,
      action: change.action,
      baseRevision: change.baseRevision,
      revision: currentRevision + 1,
      now: change.now,
    };
    if (current) this.updateEntry.run(params);
    else this.insertEntry.run(params);
    this.insertRevision.run(params);
    return this.get(change.entryId)!;
  }
}

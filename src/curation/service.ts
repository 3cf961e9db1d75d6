import { randomBytes } from 'node:crypto';
import type { CurationLimits } from '../config.js';
import { type ContentField, changedFields, cleanContent, contentOf, contentProblems } from '../corpus/content.js';
import { slugify } from '../corpus/slug.js';
import type { Entry, EntryContent } from '../corpus/types.js';
import type { AnswerEngine } from '../search/engine.js';
import type { Steps } from '../slices.js';
import type { Store } from '../store/index.js';

/** No limit: for tools and tests that build a service without a configuration. */
const NO_LIMITS: CurationLimits = { entriesPerServer: Number.POSITIVE_INFINITY, entriesPerImport: Number.POSITIVE_INFINITY };

import { type Author, type EntryWrite, isConflict, type RevisionAction, type ServerEntryRecord } from '../store/server-entries.js';
import { toServerEntry } from './server-entry.js';

/** What a curation change came to. Nothing is written unless the status is "saved". */
export type CurationResult =
  | { status: 'saved'; record: ServerEntryRecord }
  | { status: 'invalid'; problems: string[] }
  | { status: 'duplicate'; existing: Entry }
  | { status: 'conflict'; current: ServerEntryRecord | undefined; changed: ContentField[] }
  | { status: 'not_found' };

/** An entry a curator can act on in a server: one of its own, or a shipped one it may override. */
export type CurationTarget = { kind: 'server'; record: ServerEntryRecord } | { kind: 'shipped'; entry: Entry };

/** The revision a change is based on: a server entry's revision, or 0 for a shipped entry. */
export function revisionOf(target: CurationTarget): number {
  return target.kind === 'server' ? target.record.revision : 0;
}

const ID_SLUG_MAX = 40;

/**
 * Adds, edits, removes and restores server entries. Every change is checked, written with its
 * revision in one transaction, and then applied to the live engine, so the next /ask sees it.
 * Knows nothing of Discord: permissions are the caller's job.
 */
export class CurationService {
  constructor(
    private readonly store: Store,
    private readonly engine: () => AnswerEngine,
    readonly limits: CurationLimits = NO_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** How many entries a server holds now (removed ones do not count). */
  entryCount(guildId: string): number {
    return this.store.entries.count(guildId);
  }

  /**
   * Puts every stored server entry into an engine, one at a time: at start-up and after a corpus reload.
   * `owns`: only the servers this process answers (a shard process's own, see src/store/shards.ts).
   */
  *applyAll(engine: AnswerEngine, owns: (guildId: string) => boolean = () => true): Steps {
    for (const page of this.store.entries.pages()) {
      yield;
      for (const record of page) {
        if (!owns(record.guildId)) continue;
        this.apply(record, engine);
        yield;
      }
    }
  }

  /** Puts an entry into an engine as the store holds it now. */
  sync(entryId: string, engine: AnswerEngine): void {
    const record = this.store.entries.get(entryId);
    if (record) this.apply(record, engine);
  }

  /** Calls `listener` with every change applied to the live engine. */
  onApplied(listener: (record: ServerEntryRecord) => void): void {
    this.listeners.push(listener);
  }

  private readonly listeners: ((record: ServerEntryRecord) => void)[] = [];

  target(guildId: string, entryId: string): CurationTarget | undefined {
    const record = this.store.entries.get(entryId);
    if (record) return record.guildId === guildId && !record.removed ? { kind: 'server', record } : undefined;
    const entry = this.engine().visibleEntry(entryId, { guildId });
    if (entry && entry.origin !== 'server') return { kind: 'shipped', entry };
    const override = this.store.entries.overrideOf(guildId, entryId);
    return override && !override.removed ? { kind: 'server', record: override } : undefined;
  }

  /** The content a target shows now, e.g. to prefill the edit form. */
  contentOf(target: CurationTarget): EntryContent {
    if (target.kind === 'server') return target.record.content;
    return contentOf(target.entry, (entry) => this.engine().tagNames(entry));
  }

  add(guildId: string, input: EntryContent, author: Author, resolvesUnanswered: readonly number[] = []): CurationResult {
    const content = cleanContent(input);
    const refused = this.check(content, guildId, []);
    if (refused) return refused;
    const count = this.entryCount(guildId);
    if (count >= this.limits.entriesPerServer) {
      return {
        status: 'invalid',
        problems: [
          `This server has ${count} entries; the limit is ${this.limits.entriesPerServer}. Remove some first, or ask the bot's owner to raise MAX_SERVER_ENTRIES.`,
        ],
      };
    }
    return this.write(
      {
        entryId: this.newEntryId(content.question),
        guildId,
        baseRevision: 0,
        action: 'add',
        content,
        removed: false,
        overrides: null,
        author,
      },
      () => this.store.unanswered.resolve(guildId, resolvesUnanswered, 'added'),
    );
  }

  edit(guildId: string, entryId: string, baseRevision: number, input: EntryContent, author: Author): CurationResult {
    const target = this.target(guildId, entryId);
    if (!target) return this.missing(guildId, entryId, baseRevision);
    const content = cleanContent(input);
    const refused = this.check(content, guildId, this.idsOf(target));
    if (refused) return refused;
    return this.change(target, guildId, baseRevision, 'edit', content, false, author);
  }

  remove(guildId: string, entryId: string, baseRevision: number, author: Author): CurationResult {
    const target = this.target(guildId, entryId);
    if (!target) return this.missing(guildId, entryId, baseRevision);
    return this.change(target, guildId, baseRevision, 'remove', this.contentOf(target), true, author);
  }

  /** Brings back an earlier revision (also how a removal is undone). */
  restore(guildId: string, entryId: string, revision: number, baseRevision: number, author: Author): CurationResult {
    const record = this.store.entries.get(entryId);
    if (record?.guildId !== guildId) return { status: 'not_found' };
    // Revision 0 of a replacement is the shipped entry it replaced.
    const content =
      revision === 0 && record.overrides ? this.contentAt(record.overrides, 0) : this.store.entries.revision(entryId, revision)?.content;
    if (!content) return { status: 'not_found' };
    return this.write({ entryId, guildId, baseRevision, action: 'restore', content, removed: false, overrides: record.overrides, author });
  }

  /** Adds a question as another phrasing of an entry (a shipped one gets a server copy). */
  addPhrasing(
    guildId: string,
    entryId: string,
    phrasing: string,
    author: Author,
    resolvesUnanswered: readonly number[] = [],
  ): CurationResult {
    const target = this.target(guildId, entryId);
    if (!target) return { status: 'not_found' };
    const current = this.contentOf(target);
    const content = cleanContent({ ...current, phrasings: [...current.phrasings, phrasing] });
    const problems = contentProblems(content, CurationService.ANY_TAG).map(({ message }) => message);
    if (problems.length) return { status: 'invalid', problems };
    return this.change(target, guildId, revisionOf(target), 'edit', content, false, author, () =>
      this.store.unanswered.resolve(guildId, resolvesUnanswered, 'phrasing'),
    );
  }

  /** The content an entry had at a revision: 0 means the shipped entry it overrides. */
  contentAt(entryId: string, revision: number): EntryContent | undefined {
    if (revision > 0) return this.store.entries.revision(entryId, revision)?.content;
    const shipped = this.engine().entry(entryId);
    return shipped && contentOf(shipped, (entry) => this.engine().tagNames(entry));
  }

  /** A server may tag with names the shared catalog lacks (its own company or tool): they are no problem. */
  static readonly ANY_TAG = (): boolean => true;

  /** The tags of this content that name nothing in the shared catalog: they tag the entry in its server only. */
  localTags(content: EntryContent): string[] {
    return content.tags.filter((tag) => !this.isKnownTag(tag));
  }

  isKnownTag(tag: string): boolean {
    const { company, technology } = this.engine().resolveTag(tag);
    return company !== undefined || technology !== undefined;
  }

  /** Validation and duplicates; undefined when the content may be saved. */
  check(content: EntryContent, guildId: string, exceptIds: readonly string[]): CurationResult | undefined {
    const problems = contentProblems(content, CurationService.ANY_TAG).map(({ message }) => message);
    if (problems.length) return { status: 'invalid', problems };
    const existing = this.engine().findDuplicate(content.question, { guildId }, exceptIds);
    return existing ? { status: 'duplicate', existing } : undefined;
  }

  newEntryId(question: string): string {
    const slug = slugify(question).slice(0, ID_SLUG_MAX).replace(/-+$/, '') || 'entry';
    for (;;) {
      const id = `s-${slug}-${randomBytes(4).readUInt32BE(0).toString(36)}`;
      if (!this.isTakenId(id)) return id;
    }
  }

  /** Ids are unique across servers and the shipped corpus. */
  isTakenId(id: string): boolean {
    return this.store.entries.get(id) !== undefined || this.engine().entry(id) !== undefined;
  }

  /** Applies a stored change to an engine: server entries in, shipped ones hidden where replaced. */
  apply(record: ServerEntryRecord, engine: AnswerEngine = this.engine()): void {
    if (record.overrides) engine.setHidden(record.guildId, record.overrides, true);
    if (record.removed) engine.remove(record.entryId);
    else engine.upsert(toServerEntry(record, engine));
    if (engine === this.engine()) for (const listener of this.listeners) listener(record);
  }

  private idsOf(target: CurationTarget): string[] {
    if (target.kind === 'shipped') return [target.entry.id];
    return [target.record.entryId, ...(target.record.overrides ? [target.record.overrides] : [])];
  }

  private change(
    target: CurationTarget,
    guildId: string,
    baseRevision: number,
    action: RevisionAction,
    content: EntryContent,
    removed: boolean,
    author: Author,
    alsoInTransaction?: () => void,
  ): CurationResult {
    if (target.kind === 'server') {
      const { entryId, overrides } = target.record;
      return this.write({ entryId, guildId, baseRevision, action, content, removed, overrides, author }, alsoInTransaction);
    }
    if (baseRevision !== 0) return { status: 'conflict', current: undefined, changed: [] };
    const entryId = this.newEntryId(content.question);
    return this.write(
      { entryId, guildId, baseRevision: 0, action, content, removed, overrides: target.entry.id, author },
      alsoInTransaction,
    );
  }

  private write(change: Omit<EntryWrite, 'now'>, alsoInTransaction?: () => void): CurationResult {
    const full: EntryWrite = { ...change, now: this.now() };
    const result = this.store.db
      .transaction(() => {
        const written = this.store.entries.write(full);
        if (!isConflict(written)) alsoInTransaction?.();
        return written;
      })
      .immediate();
    if (isConflict(result)) {
      const before = this.contentAt(full.overrides && full.baseRevision === 0 ? full.overrides : full.entryId, full.baseRevision);
      return { status: 'conflict', current: result.current, changed: changedFields(before, result.current?.content) };
    }
    this.apply(result);
    return { status: 'saved', record: result };
  }

  /** An entry that is gone: removed since the curator's form was made, or never here. */
  private missing(guildId: string, entryId: string, baseRevision: number): CurationResult {
    const record = this.store.entries.get(entryId) ?? this.store.entries.overrideOf(guildId, entryId);
    if (record?.guildId === guildId && record.removed && record.revision !== baseRevision) {
      return { status: 'conflict', current: record, changed: [] };
    }
    return { status: 'not_found' };
  }
}

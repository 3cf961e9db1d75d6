import type { BundleItem, ExportedEntry, ParsedBundle } from '../corpus/bundle.js';
import { changedFields, cleanContent, contentProblems } from '../corpus/content.js';
import { formatProblem } from '../corpus/problems.js';
import type { EntryContent } from '../corpus/types.js';
import type { Logger } from '../logger.js';
import { runInSlices, type Steps } from '../slices.js';
import type { Store } from '../store/index.js';
import type { PendingImport } from '../store/pending-imports.js';
import { type Author, type EntryWrite, isConflict, type ServerEntryRecord } from '../store/server-entries.js';
import { isoDate } from './server-entry.js';
import { CurationService, type CurationTarget } from './service.js';

export type ImportAction = 'add' | 'update' | 'replace' | 'unchanged';

interface ImportItem {
  action: ImportAction;
  /** The server entry written: an existing one, or a new id for an add or a replace. */
  entryId: string;
  baseRevision: number;
  /** The shipped entry a server entry overrides in this server. */
  overrides: string | null;
  content: EntryContent;
}

/** What an import would do, shown as a dry run and applied as one transaction on confirm. */
export interface ImportPlan {
  file: string;
  items: ImportItem[];
}

/** Writes entries as a bundle file's text: in a worker thread for the bot (YAML for 10,000 entries takes seconds). */
export type BundleWriter = (entries: readonly ExportedEntry[], heading: string) => Promise<string>;

/** The server's live entries as a bundle file; a replaced shipped entry keeps the shipped id. Read in slices. */
export async function exportEntries(
  store: Store,
  guildId: string,
  heading: string,
  write: BundleWriter,
): Promise<{ text: string; count: number }> {
  const entries = await runInSlices(
    (function* () {
      const live: ExportedEntry[] = [];
      for (const page of store.entries.pages(guildId)) {
        for (const record of page) {
          if (record.removed) continue;
          // Who asked travels with the entry, so another server shows the original author, not the importer.
          const content = { ...record.content, askedBy: record.content.askedBy ?? record.createdByName };
          live.push({ id: record.overrides ?? record.entryId, content, updated: isoDate(record.updatedAt) });
        }
        yield;
      }
      return live;
    })(),
  );
  return { text: await write(entries, heading), count: entries.length };
}

/** Entries written per transaction: a few milliseconds each, so an import never holds the event loop for long. */
const IMPORT_CHUNK_ENTRIES = 100;

/**
 * Validates a parsed bundle against this server's entries: every problem, with its line, or a plan.
 * An item whose id is one of the server's entries updates it; a shipped entry's id replaces it in
 * this server; anything else is added. Runs in bounded slices; its cost grows with the file only.
 */
export async function planImport(
  curation: CurationService,
  guildId: string,
  file: string,
  bundle: ParsedBundle,
): Promise<{ plan?: ImportPlan; problems: string[] }> {
  const { items } = bundle;
  const problems = bundle.problems.map(formatProblem);
  const { entriesPerImport, entriesPerServer } = curation.limits;
  if (items.length > entriesPerImport) {
    return { problems: [`${file}: the file has ${items.length} entries; an import may carry at most ${entriesPerImport}`] };
  }
  const plan = await runInSlices(planSteps(curation, guildId, file, items, problems));
  const adding = plan.filter((item) => item.action === 'add').length;
  const held = curation.entryCount(guildId);
  if (adding > 0 && held + adding > entriesPerServer) {
    problems.push(
      `${file}: importing would give this server ${held + adding} entries (${held} now, ${adding} new); the limit is ${entriesPerServer}`,
    );
  }
  return problems.length ? { problems } : { plan: { file, items: plan }, problems: [] };
}

function* planSteps(
  curation: CurationService,
  guildId: string,
  file: string,
  items: BundleItem[],
  problems: string[],
): Steps<ImportItem[]> {
  const plan: ImportItem[] = [];
  const seenIds = new Set<string>();
  const seenQuestions = new Set<string>();
  const targets: (CurationTarget | undefined)[] = [];
  const replacing = new Set<string>();
  for (const item of items) {
    const target = item.id ? curation.target(guildId, item.id) : undefined;
    targets.push(target);
    if (target?.kind === 'server') replacing.add(target.record.entryId);
    if (target?.kind === 'shipped') replacing.add(target.entry.id);
    yield;
  }
  const except = [...replacing];

  for (const [index, item] of items.entries()) {
    yield;
    const where = `${file}:${item.line}`;
    const content = cleanContent(item.content);
    for (const { message } of contentProblems(content, CurationService.ANY_TAG)) problems.push(`${where}: ${message}`);
    const questionKey = content.question.toLowerCase();
    if (item.id && seenIds.has(item.id)) problems.push(`${where}: id "${item.id}" appears twice in the file`);
    if (seenQuestions.has(questionKey)) problems.push(`${where}: the question "${content.question}" appears twice in the file`);
    if (item.id) seenIds.add(item.id);
    seenQuestions.add(questionKey);

    const target = targets[index];
    if (target) {
      const current = curation.contentOf(target);
      // An export names who asked each entry; an entry that never said so was asked by its creator.
      const shown = target.kind === 'server' ? { ...current, askedBy: current.askedBy ?? target.record.createdByName } : current;
      const same = changedFields(shown, content).length === 0;
      plan.push(
        target.kind === 'server'
          ? {
              action: same ? 'unchanged' : 'update',
              entryId: target.record.entryId,
              baseRevision: target.record.revision,
              overrides: target.record.overrides,
              content,
            }
          : // A replacement of a shipped entry is a new server entry that overrides it.
            {
              action: same ? 'unchanged' : 'replace',
              entryId: same ? target.entry.id : curation.newEntryId(content.question),
              baseRevision: 0,
              overrides: target.entry.id,
              content,
            },
      );
      continue;
    }
    const existing = content.question ? curation.check(content, guildId, except) : undefined;
    if (existing?.status === 'duplicate') {
      problems.push(
        `${where}: "${content.question}" asks the same as the existing entry "${existing.existing.question}"; give it \`id: ${existing.existing.id}\` to replace that one`,
      );
      continue;
    }
    const freeId = item.id?.startsWith('s-') && !curation.isTakenId(item.id!);
    plan.push({
      action: 'add',
      entryId: freeId ? item.id! : curation.newEntryId(content.question),
      baseRevision: 0,
      overrides: null,
      content,
    });
  }
  return plan;
}

export function importSummary(plan: ImportPlan): Record<ImportAction, number> {
  const counts: Record<ImportAction, number> = { add: 0, update: 0, replace: 0, unchanged: 0 };
  for (const item of plan.items) counts[item.action]++;
  return counts;
}

export type ImportResult = { status: 'saved'; written: number; skipped: number } | { status: 'conflict' } | { status: 'applying' };

/**
 * Applies a confirmed plan: refused, with nothing written, when any entry changed since the dry run.
 * Written in transactions of IMPORT_CHUNK_ENTRIES, in slices, with the import marked as applying in the
 * store first, so a crash half way is finished at the next start (resumeImports) instead of leaving half.
 */
export async function applyImport(
  store: Store,
  curation: CurationService,
  pending: PendingImport<ImportPlan>,
  author: Author,
  now = Date.now(),
): Promise<ImportResult> {
  if (pending.applying) return { status: 'applying' };
  const conflict = await runInSlices(findConflict(store, pending.guildId, pending.plan));
  if (conflict) {
    store.pendingImports.delete(pending.id);
    return { status: 'conflict' };
  }
  if (!store.pendingImports.startApplying(pending.id, author, now)) return { status: 'applying' };
  return runInSlices(writeImport(store, curation, pending, author, now));
}

/** Finishes the imports a crash or a kill interrupted, so each is either not started or whole. */
export async function resumeImports(
  store: Store,
  curation: CurationService,
  logger: Logger,
  owns: (guildId: string) => boolean = () => true,
): Promise<void> {
  for (const pending of store.pendingImports.applying<ImportPlan>()) {
    // A shard process finishes its own servers' imports; another shard's are that shard's to finish.
    if (!owns(pending.guildId)) continue;
    const result = await runInSlices(writeImport(store, curation, pending, pending.applying!.author, pending.applying!.since));
    logger.info({ importId: pending.id, guild: pending.guildId, ...result }, 'import interrupted by a restart: finished');
  }
}

function* findConflict(store: Store, guildId: string, plan: ImportPlan): Steps<boolean> {
  for (const item of plan.items) {
    if (item.action === 'unchanged') continue;
    const current = store.entries.get(item.entryId);
    if ((current?.revision ?? 0) !== item.baseRevision || (current && current.guildId !== guildId)) return true;
    // A plan from before replacements got their own id would write over the shipped entry's id.
    if (item.action === 'replace' && (item.entryId === item.overrides || store.entries.overrideOf(guildId, item.overrides!))) return true;
    yield;
  }
  return false;
}

/**
 * Writes the plan's changes a chunk per transaction and applies each to the live engine. An entry that is
 * already past its base revision was written before a restart, or changed by a curator since the check: it
 * is left as it is. The last chunk's transaction also removes the pending import.
 */
function* writeImport(
  store: Store,
  curation: CurationService,
  pending: PendingImport<ImportPlan>,
  author: Author,
  now: number,
): Steps<ImportResult> {
  const changes = pending.plan.items.filter((item) => item.action !== 'unchanged');
  let written = 0;
  let skipped = 0;
  for (let start = 0; start < changes.length || start === 0; start += IMPORT_CHUNK_ENTRIES) {
    const chunk = changes.slice(start, start + IMPORT_CHUNK_ENTRIES);
    const last = start + IMPORT_CHUNK_ENTRIES >= changes.length;
    const records = store.db
      .transaction(() => {
        const done: ServerEntryRecord[] = [];
        for (const item of chunk) {
          const override = item.action === 'replace' ? store.entries.overrideOf(pending.guildId, item.overrides!) : undefined;
          const result = override ? undefined : store.entries.write({ ...writeOf(item, pending.guildId), author, now });
          if (result && !isConflict(result)) done.push(result);
        }
        if (last) store.pendingImports.finished(pending.id);
        return done;
      })
      .immediate();
    written += records.length;
    skipped += chunk.length - records.length;
    yield;
    for (const record of records) {
      curation.apply(record);
      yield;
    }
  }
  return { status: 'saved', written, skipped };
}

function writeOf(item: ImportItem, guildId: string): Omit<EntryWrite, 'author' | 'now'> {
  return {
    entryId: item.entryId,
    guildId,
    baseRevision: item.baseRevision,
    action: 'import',
    content: item.content,
    removed: false,
    overrides: item.overrides,
  };
}

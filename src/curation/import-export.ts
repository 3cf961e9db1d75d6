import { readBundle, writeBundle } from '../corpus/bundle.js';
import { changedFields, cleanContent, contentProblems } from '../corpus/content.js';
import { formatProblem } from '../corpus/problems.js';
import type { EntryContent } from '../corpus/types.js';
import type { Store } from '../store/index.js';
import type { Author, EntryWrite } from '../store/server-entries.js';
import { isoDate } from './server-entry.js';
import { type CurationService, revisionOf } from './service.js';

export type ImportAction = 'add' | 'update' | 'replace' | 'unchanged';

interface ImportItem {
  action: ImportAction;
  entryId: string;
  baseRevision: number;
  /** The shipped entry a "replace" overrides in this server. */
  overrides: string | null;
  content: EntryContent;
}

/** What an import would do, shown as a dry run and applied as one transaction on confirm. */
export interface ImportPlan {
  file: string;
  items: ImportItem[];
}

/** The server's live entries as a bundle file; a replaced shipped entry keeps the shipped id. */
export function exportEntries(store: Store, guildId: string, heading: string): { text: string; count: number } {
  const entries = store.entries
    .list(guildId)
    .filter((record) => !record.removed)
    .map((record) => ({ id: record.overrides ?? record.entryId, content: record.content, updated: isoDate(record.updatedAt) }));
  return { text: writeBundle(entries, heading), count: entries.length };
}

/**
 * Validates a bundle against this server's entries: every problem, with its line, or a plan.
 * An item whose id is one of the server's entries updates it; a shipped entry's id replaces
 * it in this server; anything else is added.
 */
export function planImport(
  curation: CurationService,
  guildId: string,
  file: string,
  text: string,
): { plan?: ImportPlan; problems: string[] } {
  const { items, problems: located } = readBundle(file, text);
  const problems = located.map(formatProblem);
  const { entriesPerImport, entriesPerServer } = curation.limits;
  if (items.length > entriesPerImport) {
    return { problems: [`${file}: the file has ${items.length} entries; an import may carry at most ${entriesPerImport}`] };
  }
  const plan: ImportItem[] = [];
  const seenIds = new Set<string>();
  const seenQuestions = new Set<string>();
  const replacing = new Set<string>();
  const targets = items.map((item) => (item.id ? curation.target(guildId, item.id) : undefined));
  for (const target of targets) {
    if (target?.kind === 'server') replacing.add(target.record.entryId);
    if (target?.kind === 'shipped') replacing.add(target.entry.id);
  }

  items.forEach((item, index) => {
    const where = `${file}:${item.line}`;
    const content = cleanContent(item.content);
    for (const { message } of contentProblems(content, (tag) => curation.isKnownTag(tag))) problems.push(`${where}: ${message}`);
    const questionKey = content.question.toLowerCase();
    if (item.id && seenIds.has(item.id)) problems.push(`${where}: id "${item.id}" appears twice in the file`);
    if (seenQuestions.has(questionKey)) problems.push(`${where}: the question "${content.question}" appears twice in the file`);
    if (item.id) seenIds.add(item.id);
    seenQuestions.add(questionKey);

    const target = targets[index];
    if (target) {
      const current = curation.contentOf(target);
      const same = changedFields(current, content).length === 0;
      plan.push({
        action: same ? 'unchanged' : target.kind === 'server' ? 'update' : 'replace',
        entryId: target.kind === 'server' ? target.record.entryId : target.entry.id,
        baseRevision: revisionOf(target),
        overrides: target.kind === 'server' ? target.record.overrides : target.entry.id,
        content,
      });
      return;
    }
    const existing = content.question ? curation.check(content, guildId, [...replacing]) : undefined;
    if (existing?.status === 'duplicate') {
      problems.push(
        `${where}: "${content.question}" asks the same as the existing entry "${existing.existing.question}"; give it \`id: ${existing.existing.id}\` to replace that one`,
      );
      return;
    }
    const freeId = item.id?.startsWith('s-') && !curation.isTakenId(item.id!);
    plan.push({
      action: 'add',
      entryId: freeId ? item.id! : curation.newEntryId(content.question),
      baseRevision: 0,
      overrides: null,
      content,
    });
  });
  const adding = plan.filter((item) => item.action === 'add').length;
  const held = curation.entryCount(guildId);
  if (adding > 0 && held + adding > entriesPerServer) {
    problems.push(
      `${file}: importing would give this server ${held + adding} entries (${held} now, ${adding} new); the limit is ${entriesPerServer}`,
    );
  }
  return problems.length ? { problems } : { plan: { file, items: plan }, problems: [] };
}

export function importSummary(plan: ImportPlan): Record<ImportAction, number> {
  const counts: Record<ImportAction, number> = { add: 0, update: 0, replace: 0, unchanged: 0 };
  for (const item of plan.items) counts[item.action]++;
  return counts;
}

/** Applies a plan all or nothing; refused when any entry changed since the dry run. */
export function applyImport(
  store: Store,
  curation: CurationService,
  guildId: string,
  plan: ImportPlan,
  author: Author,
  now = Date.now(),
): { status: 'saved'; written: number } | { status: 'conflict' } {
  const writes: EntryWrite[] = plan.items
    .filter((item) => item.action !== 'unchanged')
    .map((item) => ({
      // A replacement of a shipped entry is a new server entry that overrides it.
      entryId: item.action === 'replace' ? curation.newEntryId(item.content.question) : item.entryId,
      guildId,
      baseRevision: item.action === 'replace' ? 0 : item.baseRevision,
      action: 'import',
      content: item.content,
      removed: false,
      overrides: item.overrides,
      author,
      now,
    }));
  if (plan.items.some((item) => item.action === 'replace' && store.entries.overrideOf(guildId, item.entryId)))
    return { status: 'conflict' };
  const written = store.entries.writeAll(writes);
  if (!Array.isArray(written)) return { status: 'conflict' };
  for (const record of written) curation.apply(record);
  return { status: 'saved', written: written.length };
}

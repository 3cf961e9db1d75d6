import { stringify } from 'yaml';
import type { TechnologyCatalog } from './catalog.js';
import { cleanContent, contentProblems, shippedEntry } from './content.js';
import { ENTRY_ID_RULE, isEntryId } from './entry-id.js';
import { isIsoDate } from './formats.js';
import type { CorpusProblem } from './problems.js';
import type { CompanyLookup } from './questions.js';
import type { Entry, EntryContent } from './types.js';
import { YamlReader } from './yaml-reader.js';

/**
 * A file of several entries, the format of /faq export and /faq import, and of
 * corpus/questions/*.yaml: `entries:`, a list of question-file fields plus `answer`.
 */
const BUNDLE_FIELDS = ['id', 'question', 'phrasings', 'tags', 'related', 'sources', 'askedBy', 'updated', 'answer'] as const;

export interface BundleItem {
  id?: string;
  content: EntryContent;
  updated?: string;
  related: string[];
  /** The line the item starts on, for messages. */
  line: number;
}

export interface ExportedEntry {
  id: string;
  content: EntryContent;
  updated: string;
}

export function writeBundle(entries: readonly ExportedEntry[], heading: string): string {
  const items = entries.map(({ id, content, updated }) => ({
    id,
    question: content.question,
    ...(content.phrasings.length ? { phrasings: content.phrasings } : {}),
    ...(content.tags.length ? { tags: content.tags } : {}),
    ...(content.sources.length ? { sources: content.sources } : {}),
    ...(content.askedBy ? { askedBy: content.askedBy } : {}),
    updated,
    answer: content.answer,
  }));
  const comment = heading
    .split('\n')
    .map((line) => `# ${line}`)
    .join('\n');
  return `${comment}\n${stringify({ entries: items }, { lineWidth: 0, blockQuote: 'literal' })}`;
}

/** Reads a bundle; every malformed field is a located problem, and no item has missing fields. */
/** Reading and writing bundle files away from the event loop (see CorpusWorker). */
export interface BundleFiles {
  read(file: string, text: string): Promise<ParsedBundle>;
  write(entries: readonly ExportedEntry[], heading: string): Promise<string>;
}

/** A bundle file read: its items, and every problem with its line. */
export interface ParsedBundle {
  items: BundleItem[];
  problems: CorpusProblem[];
}

export function readBundle(file: string, text: string): ParsedBundle {
  const reader = new YamlReader(file, text);
  if (reader.root === undefined) return { items: [], problems: reader.problems };
  if (typeof reader.root !== 'object' || reader.root === null || Array.isArray(reader.root) || !('entries' in reader.root)) {
    return {
      items: [],
      problems: [{ file, line: 1, message: 'expected a YAML mapping with an "entries:" list (the format /faq export writes)' }],
    };
  }
  reader.onlyFields([], ['entries']);
  const items: BundleItem[] = [];
  reader.list(['entries']).forEach((value, index) => {
    const at = ['entries', index];
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      reader.problem(at, `entries[${index}] must be a mapping of fields`);
      return;
    }
    const before = reader.problems.length;
    reader.onlyFields(at, BUNDLE_FIELDS);
    const id = reader.string([...at, 'id']);
    if (id !== undefined && !isEntryId(id)) {
      reader.problem([...at, 'id'], `id "${id}" must be ${ENTRY_ID_RULE}`);
    }
    const question = reader.string([...at, 'question'], { required: true }) ?? '';
    const answer = reader.string([...at, 'answer'], { required: true }) ?? '';
    const content: EntryContent = {
      question,
      answer,
      phrasings: reader.stringList([...at, 'phrasings']),
      tags: reader.stringList([...at, 'tags']),
      sources: reader.stringList([...at, 'sources']),
    };
    const askedBy = reader.string([...at, 'askedBy']);
    if (askedBy) content.askedBy = askedBy;
    const updated = reader.string([...at, 'updated']);
    const related = reader.stringList([...at, 'related']);
    if (reader.problems.length > before) return;
    items.push({ ...(id ? { id } : {}), content, related, ...(updated ? { updated } : {}), line: reader.lineOf(at) });
  });
  if (reader.problems.length === 0 && items.length === 0) reader.problem(['entries'], 'the file has no entries');
  return { items, problems: reader.problems };
}

/**
 * Parses a questions/**.yaml file: several entries in the format /faq export writes, so a
 * server's entries can be shipped by adding its export to the corpus. Returns no entries when
 * the file has any problem.
 */
export function parseBundleFile(
  file: string,
  text: string,
  catalog: TechnologyCatalog,
  findCompany: CompanyLookup,
): { entries: Entry[]; problems: CorpusProblem[] } {
  const { items, problems } = readBundle(file, text);
  const entries: Entry[] = [];
  const isKnown = (tag: string) => catalog.find(tag) !== undefined || findCompany(tag) !== undefined;
  const resolveTag = (tag: string) => ({ company: findCompany(tag), technology: catalog.find(tag)?.slug });
  for (const item of items) {
    const at = (message: string) => problems.push({ file, line: item.line, message });
    if (!item.id) at('missing id: every shipped entry needs one');
    if (item.updated !== undefined && !isIsoDate(item.updated)) at(`malformed date "${item.updated}" (expected YYYY-MM-DD)`);
    const content = cleanContent(item.content);
    for (const { message } of contentProblems(content, isKnown)) at(message);
    if (!item.id) continue;
    entries.push(
      shippedEntry(item.id, content, resolveTag, { related: item.related, ...(item.updated ? { updated: item.updated } : {}), file }),
    );
  }
  return problems.length ? { entries: [], problems } : { entries, problems };
}

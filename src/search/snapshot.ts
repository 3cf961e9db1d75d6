import type { AsPlainObject } from 'minisearch';
import type { Corpus, Entry } from '../corpus/types.js';
import type { EntryTerms } from './entry-index.js';

/**
 * A built engine as plain data: the corpus it was built from (without entries: they are below, as
 * indexed), every entry with its analysed terms, both MiniSearch indexes and the known words. Restoring
 * it skips parsing, analysis and indexing, which are most of a build.
 */
export interface EngineSnapshot {
  corpus: Omit<Corpus, 'names' | 'entries'>;
  entries: { entry: Entry; terms: EntryTerms }[];
  entrySearch: AsPlainObject;
  suggestSearch: AsPlainObject;
  knownWords: string[];
}

/** Changes whenever the shape above (or what it means) changes: an older snapshot is then rebuilt. */
export const SNAPSHOT_FORMAT = 1;

/** A snapshot cut into records of bounded size, so that each one is decoded in a slice of its own. */
export type SnapshotRecord =
  | { kind: 'corpus'; corpus: EngineSnapshot['corpus'] }
  | { kind: 'entries'; items: EngineSnapshot['entries'] }
  | { kind: 'entrySearch' | 'suggestSearch'; search: AsPlainObject }
  | { kind: 'entrySearchTerms' | 'suggestSearchTerms'; items: AsPlainObject['index'] }
  | { kind: 'knownWords'; items: string[] };

const RECORD_ITEMS = { entries: 250, terms: 2_000, words: 20_000 } as const;
/**
 * A record of terms also ends once it holds this many postings (entry and field): in a large corpus a
 * common term alone has tens of thousands, and each record must parse in a few milliseconds.
 */
const RECORD_POSTINGS = 20_000;

/** The index's terms in records of at most RECORD_ITEMS.terms terms and about RECORD_POSTINGS postings. */
function* termChunks(index: AsPlainObject['index']): Generator<AsPlainObject['index']> {
  let chunk: AsPlainObject['index'] = [];
  let postings = 0;
  for (const item of index) {
    chunk.push(item);
    for (const byEntry of Object.values(item[1])) postings += Object.keys(byEntry).length;
    if (postings >= RECORD_POSTINGS || chunk.length >= RECORD_ITEMS.terms) {
      yield chunk;
      chunk = [];
      postings = 0;
    }
  }
  if (chunk.length > 0) yield chunk;
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

export function* toRecords(snapshot: EngineSnapshot): Generator<SnapshotRecord> {
  yield { kind: 'corpus', corpus: snapshot.corpus };
  for (const items of chunks(snapshot.entries, RECORD_ITEMS.entries)) yield { kind: 'entries', items };
  for (const name of ['entrySearch', 'suggestSearch'] as const) {
    const { index, ...rest } = snapshot[name];
    yield { kind: name, search: { ...rest, index: [] } };
    for (const items of termChunks(index)) yield { kind: `${name}Terms`, items };
  }
  for (const items of chunks(snapshot.knownWords, RECORD_ITEMS.words)) yield { kind: 'knownWords', items };
}

/** Puts a snapshot back together from its records, in order; throws when one is missing or out of place. */
export class SnapshotAssembler {
  private corpus: EngineSnapshot['corpus'] | undefined;
  private readonly entries: EngineSnapshot['entries'] = [];
  private readonly searches: Partial<Record<'entrySearch' | 'suggestSearch', AsPlainObject>> = {};
  private readonly knownWords: string[] = [];

  add(record: SnapshotRecord): void {
    switch (record.kind) {
      case 'corpus':
        this.corpus = record.corpus;
        return;
      case 'entries':
        for (const item of record.items) this.entries.push(item);
        return;
      case 'entrySearch':
      case 'suggestSearch':
        this.searches[record.kind] = record.search;
        return;
      case 'entrySearchTerms':
      case 'suggestSearchTerms': {
        const search = this.searches[record.kind === 'entrySearchTerms' ? 'entrySearch' : 'suggestSearch'];
        if (!search) throw new Error(`snapshot: ${record.kind} before its index`);
        for (const item of record.items) search.index.push(item);
        return;
      }
      case 'knownWords':
        for (const word of record.items) this.knownWords.push(word);
        return;
      default:
        throw new Error(`snapshot: unknown record ${JSON.stringify((record as { kind?: unknown }).kind)}`);
    }
  }

  finish(): EngineSnapshot {
    const { corpus, searches } = this;
    if (!corpus || !searches.entrySearch || !searches.suggestSearch) throw new Error('snapshot: incomplete (no corpus or index)');
    return {
      corpus,
      entries: this.entries,
      entrySearch: searches.entrySearch,
      suggestSearch: searches.suggestSearch,
      knownWords: this.knownWords,
    };
  }
}

/**
 * A record as JSON text, which parses about twice as fast as v8's serializer reads back. The corpus
 * record holds the question words' Sets and Maps: only it is written and read with tags for them.
 */
export function encodeRecord(record: SnapshotRecord): string {
  if (record.kind !== 'corpus') return JSON.stringify(record);
  return JSON.stringify(record, (_key, value: unknown) => {
    if (value instanceof Set) return { [SET_TAG]: [...value] };
    if (value instanceof Map) return { [MAP_TAG]: [...value] };
    return value;
  });
}

export function decodeRecord(text: string): SnapshotRecord {
  if (!text.startsWith('{"kind":"corpus"')) return JSON.parse(text) as SnapshotRecord;
  return JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === 'object' && SET_TAG in value) return new Set((value as Record<string, unknown[]>)[SET_TAG]);
    if (value && typeof value === 'object' && MAP_TAG in value) return new Map((value as Record<string, [unknown, unknown][]>)[MAP_TAG]);
    return value;
  }) as SnapshotRecord;
}

const SET_TAG = '$set';
const MAP_TAG = '$map';

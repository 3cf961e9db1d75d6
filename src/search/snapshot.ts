import type { Corpus, Entry } from '../corpus/types.js';
import type { EntryTerms } from './entry-index.js';
import type { IndexSnapshot, TermBlock } from './index-snapshot.js';

/**
 * A built engine as plain data: the corpus it was built from (without entries: they are below, as
 * indexed), every entry with its analysed terms, how many entries hold each term, both MiniSearch
 * indexes and the known words. Restoring it skips parsing, analysis and indexing, which are most of a build.
 */
export interface EngineSnapshot {
  corpus: Omit<Corpus, 'names' | 'entries'>;
  entries: { entry: Entry; terms: EntryTerms }[];
  /** Term -> the number of entries that hold it in any field. */
  termEntries: [string, number][];
  entrySearch: IndexSnapshot;
  suggestSearch: IndexSnapshot;
  /** Autocomplete's word -> the number of entries that have it. */
  suggestWords: [string, number][];
  knownWords: string[];
}

/** Changes whenever the shape above (or what it means) changes: an older snapshot is then rebuilt. */
export const SNAPSHOT_FORMAT = 2;

type SearchName = 'entrySearch' | 'suggestSearch';
type PairsName = 'termEntries' | 'suggestWords';

/** A snapshot cut into records of bounded size, so that each one is decoded in a slice of its own. */
export type SnapshotRecord =
  | { kind: 'corpus'; corpus: EngineSnapshot['corpus'] }
  | { kind: 'entries'; items: EngineSnapshot['entries'] }
  | { kind: PairsName; items: [string, number][] }
  | { kind: SearchName; documents: IndexSnapshot['documents'] }
  | { kind: `${SearchName}Terms`; block: TermBlock }
  | { kind: 'knownWords'; items: string[] };

const RECORD_ITEMS = { entries: 250, pairs: 20_000, words: 20_000 } as const;

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

export function* toRecords(snapshot: EngineSnapshot): Generator<SnapshotRecord> {
  yield { kind: 'corpus', corpus: snapshot.corpus };
  for (const items of chunks(snapshot.entries, RECORD_ITEMS.entries)) yield { kind: 'entries', items };
  for (const kind of ['termEntries', 'suggestWords'] as const) {
    for (const items of chunks(snapshot[kind], RECORD_ITEMS.pairs)) yield { kind, items };
  }
  for (const kind of ['entrySearch', 'suggestSearch'] as const) {
    yield { kind, documents: snapshot[kind].documents };
    for (const block of snapshot[kind].blocks) yield { kind: `${kind}Terms`, block };
  }
  for (const items of chunks(snapshot.knownWords, RECORD_ITEMS.words)) yield { kind: 'knownWords', items };
}

/** Puts a snapshot back together from its records, in order; throws when one is missing or out of place. */
export class SnapshotAssembler {
  private corpus: EngineSnapshot['corpus'] | undefined;
  private readonly entries: EngineSnapshot['entries'] = [];
  private readonly pairs: Record<PairsName, [string, number][]> = { termEntries: [], suggestWords: [] };
  private readonly searches: Partial<Record<SearchName, IndexSnapshot>> = {};
  private readonly knownWords: string[] = [];

  add(record: SnapshotRecord): void {
    switch (record.kind) {
      case 'corpus':
        this.corpus = record.corpus;
        return;
      case 'entries':
        for (const item of record.items) this.entries.push(item);
        return;
      case 'termEntries':
      case 'suggestWords':
        for (const item of record.items) this.pairs[record.kind].push(item);
        return;
      case 'entrySearch':
      case 'suggestSearch':
        this.searches[record.kind] = { documents: record.documents, blocks: [] };
        return;
      case 'entrySearchTerms':
      case 'suggestSearchTerms': {
        const search = this.searches[record.kind === 'entrySearchTerms' ? 'entrySearch' : 'suggestSearch'];
        if (!search) throw new Error(`snapshot: ${record.kind} before its index`);
        search.blocks.push(record.block);
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
      ...this.pairs,
      entrySearch: searches.entrySearch,
      suggestSearch: searches.suggestSearch,
      knownWords: this.knownWords,
    };
  }
}

const UTF8_ENCODER = new TextEncoder();
const UTF8_DECODER = new TextDecoder();
/** The first byte of a term block record; every other record is JSON text, which starts with "{". */
const TERM_BLOCK = 1;
/** A term block: TERM_BLOCK, 3 bytes of padding, the JSON length (u32), the JSON {kind, terms}, padding to 4, the postings (u32, little-endian). */
const BLOCK_HEADER_BYTES = 8;
const SET_TAG = '$set';
const MAP_TAG = '$map';

const padded = (length: number) => Math.ceil(length / 4) * 4;
/** Whether a Uint32Array's bytes are little-endian here, so postings are copied as they are rather than number by number. */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/**
 * A record as bytes: JSON text, which parses about twice as fast as v8's serializer reads back, except
 * a term block's postings, kept as numbers. The corpus record holds the question words' Sets and Maps:
 * only it is written and read with tags for them.
 */
export function encodeRecord(record: SnapshotRecord): Uint8Array {
  if (record.kind === 'entrySearchTerms' || record.kind === 'suggestSearchTerms') {
    const head = UTF8_ENCODER.encode(JSON.stringify({ kind: record.kind, terms: record.block.terms }));
    const postingsAt = BLOCK_HEADER_BYTES + padded(head.length);
    const bytes = new Uint8Array(postingsAt + record.block.postings.byteLength);
    const view = new DataView(bytes.buffer);
    bytes[0] = TERM_BLOCK;
    view.setUint32(4, head.length, true);
    bytes.set(head, BLOCK_HEADER_BYTES);
    const { postings } = record.block;
    if (LITTLE_ENDIAN) bytes.set(new Uint8Array(postings.buffer, postings.byteOffset, postings.byteLength), postingsAt);
    else
      postings.forEach((value, index) => {
        view.setUint32(postingsAt + index * 4, value, true);
      });
    return bytes;
  }
  if (record.kind !== 'corpus') return UTF8_ENCODER.encode(JSON.stringify(record));
  const text = JSON.stringify(record, (_key, value: unknown) => {
    if (value instanceof Set) return { [SET_TAG]: [...value] };
    if (value instanceof Map) return { [MAP_TAG]: [...value] };
    return value;
  });
  return UTF8_ENCODER.encode(text);
}

export function decodeRecord(bytes: Uint8Array): SnapshotRecord {
  if (bytes[0] === TERM_BLOCK) return decodeTermBlock(bytes);
  const text = UTF8_DECODER.decode(bytes);
  if (!text.startsWith('{"kind":"corpus"')) return JSON.parse(text) as SnapshotRecord;
  return JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === 'object' && SET_TAG in value) return new Set((value as Record<string, unknown[]>)[SET_TAG]);
    if (value && typeof value === 'object' && MAP_TAG in value) return new Map((value as Record<string, [unknown, unknown][]>)[MAP_TAG]);
    return value;
  }) as SnapshotRecord;
}

function decodeTermBlock(bytes: Uint8Array): SnapshotRecord {
  if (bytes.length < BLOCK_HEADER_BYTES) throw new Error('snapshot: a term block is shorter than its header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headLength = view.getUint32(4, true);
  const postingsAt = BLOCK_HEADER_BYTES + padded(headLength);
  if (postingsAt > bytes.length || (bytes.length - postingsAt) % 4 !== 0) throw new Error('snapshot: a term block has a wrong length');
  const head = JSON.parse(UTF8_DECODER.decode(bytes.subarray(BLOCK_HEADER_BYTES, BLOCK_HEADER_BYTES + headLength))) as {
    kind: `${SearchName}Terms`;
    terms: string[];
  };
  if (head.kind !== 'entrySearchTerms' && head.kind !== 'suggestSearchTerms')
    throw new Error(`snapshot: a term block of kind ${head.kind}`);
  const count = (bytes.length - postingsAt) / 4;
  // A copy (not Buffer's slice, which shares), since the record's bytes need not start on a 4-byte boundary.
  const postings = LITTLE_ENDIAN
    ? new Uint32Array(new Uint8Array(bytes.subarray(postingsAt)).buffer)
    : Uint32Array.from({ length: count }, (_, index) => view.getUint32(postingsAt + index * 4, true));
  return { kind: head.kind, block: { terms: head.terms, postings } };
}

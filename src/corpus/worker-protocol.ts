import type { EngineOptions } from '../search/options.js';
import type { ExportedEntry, ParsedBundle } from './bundle.js';
import type { CorpusProblem } from './problems.js';
import type { Corpus } from './types.js';

/** A corpus folder as the worker loads it: everything but the name lookups, which do not cross threads. */
export interface WorkerLoad {
  corpus: Omit<Corpus, 'names'>;
  problems: CorpusProblem[];
  fellBack: string[];
  /** What the load changed in the last good texts, to apply to the main thread's copy. */
  lastGoodChanged: [string, string][];
  lastGoodDropped: string[];
}

/**
 * A corpus folder loaded and indexed by the worker: the built engine as snapshot records (JSON text,
 * see src/search/snapshot.ts), taken from the snapshot file when it matches, else built and written there.
 */
export interface WorkerEngineLoad {
  problems: CorpusProblem[];
  fellBack: string[];
  lastGoodChanged: [string, string][];
  lastGoodDropped: string[];
  /** Whether the records came from the snapshot file; if not, why not. */
  /** `readAhead`: the file was read while the main thread was still loading (see CorpusWorker.prewarm). */
  snapshot: { used: true; readAhead: boolean } | { used: false; reason: string; writeError?: string };
  records: Uint8Array[];
}

export type WorkerRequest =
  | {
      id: number;
      task: 'loadCorpus';
      dir: string;
      /** Which last-good map this is; its contents are sent only the first time. */
      lastGoodKey: number;
      lastGoodSeed?: [string, string][];
    }
  | {
      id: number;
      task: 'loadEngine';
      dir: string;
      lastGoodKey: number;
      lastGoodSeed?: [string, string][];
      options: EngineOptions;
      /** Where the snapshot is kept; none: always build. */
      snapshotFile?: string;
      /** Build even if the snapshot file matches (its contents would not restore). */
      rebuild?: boolean;
      /** Only read the snapshot file: when it does not match, reply at once with no records rather than build. */
      snapshotOnly?: boolean;
    }
  | { id: number; task: 'readBundle'; file: string; text: string }
  /** Starts reading the snapshot a loadEngine of this folder will want; no reply (see CorpusWorker.prewarm). */
  | { id: number; task: 'readSnapshotAhead'; dir: string; snapshotFile: string }
  | { id: number; task: 'writeBundle'; entries: ExportedEntry[]; heading: string };

/**
 * Large lists cross as JSON text in chunks, decoded on the main thread a chunk per slice: as objects in
 * one message, a 50,000-entry corpus takes about 175 ms to deserialize, all in one turn of the event
 * loop; text is copied, not rebuilt, and each chunk parses in a few milliseconds.
 */
interface EncodedLists {
  entries?: string[];
  items?: string[];
}

export interface WorkerReply {
  id: number;
  /** With its `entries` or `items` empty: they are in `encoded`. */
  result?: WorkerLoad | WorkerEngineLoad | ParsedBundle | { text: string };
  encoded?: EncodedLists;
  error?: string;
}

/** How many list items go in one chunk. */
export const CHUNK_SIZES = { entries: 500, items: 1000 } as const;

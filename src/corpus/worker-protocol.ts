import type { ParsedBundle } from './bundle.js';
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

export type WorkerRequest =
  | {
      id: number;
      task: 'loadCorpus';
      dir: string;
      /** Which last-good map this is; its contents are sent only the first time. */
      lastGoodKey: number;
      lastGoodSeed?: [string, string][];
    }
  | { id: number; task: 'readBundle'; file: string; text: string };

export interface WorkerReply {
  id: number;
  result?: WorkerLoad | ParsedBundle;
  error?: string;
}

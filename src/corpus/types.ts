import type { CorpusNames } from './names.js';
import type { QuestionWords } from './words.js';

/** The corpus as the engine sees it, after loading and validation. */

export interface Technology {
  /** Stable key derived from the name, e.g. "apache-spark", "csharp". */
  slug: string;
  name: string;
  aliases: string[];
  category: string;
  file?: string;
  line?: number;
}

export type FactStatus = 'uses' | 'formerly-used' | 'in-house';
export const FACT_STATUSES: readonly FactStatus[] = ['uses', 'formerly-used', 'in-house'];

export interface Fact {
  /** Slug of the catalog technology. */
  technology: string;
  category: string;
  usedFor: string;
  status: FactStatus;
  asOf: number;
  /** URLs, each recorded in corpus/sources/. */
  sources: string[];
  /** The line the fact starts on in its company file, for located problems. */
  line?: number;
}

/** A page that states facts, recorded once in corpus/sources/ with what the page itself says of it. */
export interface Source {
  url: string;
  title: string;
  publisher: string;
  year: number;
  file?: string;
  line?: number;
}

/** A source as an answer shows it: a recorded source, or just the address a curator typed. */
export type Citation = Source | { url: string; title?: undefined; publisher?: undefined; year?: undefined };

export const SECTORS = ['big-tech', 'ai', 'devtools-saas', 'fintech', 'ecommerce', 'travel-mobility', 'media-social', 'gaming'] as const;
export const REGIONS = [
  'north-america',
  'europe',
  'china',
  'india',
  'southeast-asia',
  'latin-america',
  'east-asia',
  'middle-east',
  'oceania',
  'africa',
] as const;

export interface Company {
  /** File name without extension, e.g. "stack-overflow". */
  slug: string;
  name: string;
  aliases: string[];
  summary: string;
  sector?: (typeof SECTORS)[number];
  region?: (typeof REGIONS)[number];
  facts: Fact[];
  file: string;
}

/** What a question asks, in structured form. Derived entries always have one. */
export type Intent =
  | { kind: 'uses'; company: string; technology: string }
  | { kind: 'category'; company: string; category: string }
  | { kind: 'stack'; company: string }
  | { kind: 'users'; technology: string };

type EntryOrigin = 'curated' | 'derived' | 'server';

export interface Entry {
  id: string;
  question: string;
  phrasings: string[];
  /** Discord markdown. */
  answer: string;
  /** Embed fields shown under the answer (a comparison's one field per company). */
  fields?: { name: string; value: string }[];
  /** Company slugs the entry is about. */
  companies: string[];
  /** Technology slugs the entry is about. */
  technologies: string[];
  /**
   * Of those, the ones its answer says its companies do not use ("Does Netflix use Azure?" "No."):
   * they help matching, and corpus:check does not expect facts for them.
   */
  notUsed?: string[];
  /** A server entry's tags that name nothing in the shared catalog (the server's own company or tool): searched as tags, in that server only. */
  localTags?: string[];
  related: string[];
  sources: string[];
  askedBy?: string;
  /** YYYY-MM-DD */
  updated?: string;
  /** The year the facts behind a derived answer were known true (the oldest one). */
  asOf?: number;
  origin: EntryOrigin;
  /** Set for entries written in a Discord server: only that server sees them. */
  guildId?: string;
  intent?: Intent;
  /** Where it came from, for messages: a corpus file path. */
  file?: string;
}

export interface Corpus {
  technologies: Technology[];
  /** The name lookups, when the loader built them (an engine builds its own otherwise). */
  names?: CorpusNames;
  companies: Company[];
  /** Every recorded source page, by URL. */
  sources: Source[];
  /** The words questions are read with (corpus/words.yaml). */
  words: QuestionWords;
  /** Curated entries only; derived ones are built by the engine from companies. */
  entries: Entry[];
}

/** What a curator writes for an entry: the fields of a corpus question file. */
export interface EntryContent {
  question: string;
  answer: string;
  phrasings: string[];
  /** Company and technology names, as written. */
  tags: string[];
  sources: string[];
  askedBy?: string;
}

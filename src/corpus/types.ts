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
  sources: string[];
}

export interface Company {
  /** File name without extension, e.g. "stack-overflow". */
  slug: string;
  name: string;
  aliases: string[];
  summary: string;
  facts: Fact[];
  file: string;
}

/** What a question asks, in structured form. Derived entries always have one. */
export type Intent =
  | { kind: 'uses'; company: string; technology: string }
  | { kind: 'category'; company: string; category: string }
  | { kind: 'stack'; company: string }
  | { kind: 'users'; technology: string };

export type EntryOrigin = 'curated' | 'derived' | 'server';

export interface Entry {
  id: string;
  question: string;
  phrasings: string[];
  /** Discord markdown. */
  answer: string;
  /** Company slugs the entry is about. */
  companies: string[];
  /** Technology slugs the entry is about. */
  technologies: string[];
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
  companies: Company[];
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

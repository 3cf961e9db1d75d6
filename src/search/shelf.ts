import type { Entry } from '../corpus/types.js';
import type { EntryIndex } from './entry-index.js';
import { IntentIndex } from './intent-index.js';
import type { SuggestIndex } from './suggest-index.js';

/**
 * One set of indexes: the shipped corpus's, or one server's own entries. A question asked in a server
 * searches the shipped shelf and that server's, so entries written in other servers cost it nothing,
 * and each server's indexes grow only with what it wrote.
 */
export class Shelf {
  readonly intents = new IntentIndex();

  constructor(
    readonly index: EntryIndex,
    readonly suggest: SuggestIndex,
  ) {}

  get(id: string): Entry | undefined {
    return this.index.get(id);
  }

  /** Adds the entry, or replaces the one with its id. */
  upsert(entry: Entry): void {
    const existing = this.index.get(entry.id);
    if (existing) this.intents.untrack(existing);
    this.index.upsert(entry);
    this.suggest.upsert(entry, existing !== undefined);
    this.intents.track(entry);
  }

  remove(id: string): boolean {
    const existing = this.index.get(id);
    if (!existing) return false;
    this.intents.untrack(existing);
    this.suggest.remove(id);
    return this.index.remove(id);
  }
}

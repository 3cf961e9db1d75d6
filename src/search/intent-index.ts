import { intentKey } from '../corpus/derive.js';
import type { Entry, Intent } from '../corpus/types.js';
import type { Analyzer } from './analyzer.js';
import { intentOf } from './intent.js';

/** When several entries answer one intent, a server's own wins over a curated one, which wins over a derived one. */
export const ORIGIN_PRIORITY: Record<Entry['origin'], number> = { server: 0, curated: 1, derived: 2 };

/** A curated or server entry answers a structured intent when its question has one. */
export function withIntent(entry: Entry, analyzer: Analyzer): Entry {
  if (entry.origin === 'derived') return entry;
  const analysis = analyzer.analyze(entry.question, false);
  // "Why did Twitter leave Rails?" asks more than "Does Twitter use Rails?": it claims no intent.
  const intent = analysis.otherTerms.length === 0 ? intentOf(analysis) : undefined;
  const { intent: _old, ...rest } = entry;
  return intent ? { ...rest, intent } : rest;
}

/** Entries by the structured question they answer, and "Does X use T?" entries by technology. */
export class IntentIndex {
  private readonly byIntent = new Map<string, Entry[]>();
  private readonly usesByTechnology = new Map<string, Entry[]>();

  track(entry: Entry): void {
    if (!entry.intent) return;
    if (entry.intent.kind === 'uses') add(this.usesByTechnology, entry.intent.technology, entry);
    add(this.byIntent, intentKey(entry.intent), entry);
    this.byIntent.get(intentKey(entry.intent))!.sort((a, b) => ORIGIN_PRIORITY[a.origin] - ORIGIN_PRIORITY[b.origin]);
  }

  untrack(entry: Entry): void {
    if (!entry.intent) return;
    if (entry.intent.kind === 'uses') remove(this.usesByTechnology, entry.intent.technology, entry);
    remove(this.byIntent, intentKey(entry.intent), entry);
  }

  /** The best entry for an intent among those `visible` accepts. */
  find(intent: Intent, visible: (entry: Entry) => boolean): Entry | undefined {
    return this.byIntent.get(intentKey(intent))?.find(visible);
  }

  /** "Does X use T?" entries for a technology. */
  usesOf(technology: string): readonly Entry[] {
    return this.usesByTechnology.get(technology) ?? [];
  }
}

/** In place: a technology used by thousands of entries must not copy its list at each one. */
function add(map: Map<string, Entry[]>, key: string, entry: Entry): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

function remove(map: Map<string, Entry[]>, key: string, entry: Entry): void {
  const remaining = (map.get(key) ?? []).filter((other) => other.id !== entry.id);
  if (remaining.length) map.set(key, remaining);
  else map.delete(key);
}

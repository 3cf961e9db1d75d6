import type { Entry } from '../corpus/types.js';

/**
 * Where a question is asked, from the interaction through the engine to the store: in a server,
 * which sees the shipped corpus plus its own entries, or outside one (a DM), which sees the shipped corpus.
 */
export type Scope = { guildId: string } | { guildId?: undefined };

export const NO_SERVER: Scope = {};

/** The key the store files votes and unanswered questions under: the server id, or "dm". */
export function scopeKey(scope: Scope): string {
  return scope.guildId ?? 'dm';
}

/** Which entries each server sees: its own, and the shipped ones it has not hidden or replaced. */
export class ServerVisibility {
  /** Server id -> shipped entries that server has hidden or replaced. */
  private readonly hiddenByGuild = new Map<string, Set<string>>();

  setHidden(guildId: string, id: string, hidden: boolean): void {
    const set = this.hiddenByGuild.get(guildId) ?? new Set<string>();
    if (hidden) set.add(id);
    else set.delete(id);
    if (set.size) this.hiddenByGuild.set(guildId, set);
    else this.hiddenByGuild.delete(guildId);
  }

  visible(entry: Entry, scope: Scope): boolean {
    if (entry.guildId !== undefined) return entry.guildId === scope.guildId;
    return scope.guildId === undefined || !this.hiddenByGuild.get(scope.guildId)?.has(entry.id);
  }
}

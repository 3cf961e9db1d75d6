import { foldText } from '../search/normalize.js';
import type { CorpusProblem } from './problems.js';
import type { Technology } from './types.js';

/**
 * Looks technologies up by name or alias, case- and accent-insensitively.
 * Built once per corpus; also reports names claimed by two technologies.
 */
export class TechnologyCatalog {
  private readonly byName = new Map<string, Technology>();
  private readonly bySlug = new Map<string, Technology>();

  constructor(readonly technologies: readonly Technology[]) {
    for (const technology of technologies) {
      this.bySlug.set(technology.slug, technology);
      for (const name of [technology.name, ...technology.aliases]) {
        const key = foldText(name);
        if (!this.byName.has(key)) this.byName.set(key, technology);
      }
    }
  }

  find(nameOrAlias: string): Technology | undefined {
    return this.byName.get(foldText(nameOrAlias.trim()));
  }

  get(slug: string): Technology | undefined {
    return this.bySlug.get(slug);
  }

  /** Every name and alias with the technology it belongs to. */
  names(): IterableIterator<[string, Technology]> {
    return this.byName.entries();
  }
}

/** Names or aliases given to more than one technology. Later files lose. */
export function findCatalogClashes(technologies: readonly Technology[]): CorpusProblem[] {
  const owners = new Map<string, Technology>();
  const problems: CorpusProblem[] = [];
  for (const technology of technologies) {
    const keys = new Set([technology.slug, ...[technology.name, ...technology.aliases].map(foldText)]);
    for (const key of keys) {
      const owner = owners.get(key);
      if (owner && owner !== technology) {
        problems.push({
          file: technology.file ?? '',
          line: technology.line ?? 1,
          message: `"${key}" of ${technology.name} is already used by ${owner.name} (${owner.file}:${owner.line})`,
        });
      } else owners.set(key, technology);
    }
  }
  return problems;
}

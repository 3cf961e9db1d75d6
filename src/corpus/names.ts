import { foldText } from '../search/normalize.js';
import { TechnologyCatalog } from './catalog.js';
import type { Company, Technology } from './types.js';

/**
 * Every name the corpus knows: technologies by name or alias (the catalog) and companies by name,
 * alias or slug. Built once while the corpus loads and carried on it, so the engine reuses it.
 */
export class CorpusNames {
  readonly catalog: TechnologyCatalog;
  private readonly companyByName = new Map<string, string>();

  constructor(technologies: readonly Technology[], companies: readonly Company[] = []) {
    this.catalog = new TechnologyCatalog(technologies);
    for (const company of companies) this.addCompany(company);
  }

  /** Registers a company's names; returns a name another company already has (and registers nothing), if any. */
  addCompany(company: Company): { name: string; takenBy: string } | undefined {
    const names = [company.slug, company.name, ...company.aliases].map(foldText);
    const taken = names.find((name) => this.companyByName.has(name) && this.companyByName.get(name) !== company.slug);
    if (taken) return { name: taken, takenBy: this.companyByName.get(taken)! };
    for (const name of names) this.companyByName.set(name, company.slug);
    return undefined;
  }

  /** A company's slug by name, alias or slug. */
  company(name: string): string | undefined {
    return this.companyByName.get(foldText(name.trim()));
  }

  /** The company and technology a tag names, if any. */
  resolveTag(tag: string): { company?: string; technology?: string } {
    const technology = this.catalog.find(tag.trim())?.slug;
    const company = this.company(tag);
    return { ...(company ? { company } : {}), ...(technology ? { technology } : {}) };
  }
}

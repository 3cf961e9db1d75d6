import path from 'node:path';
import type { TechnologyCatalog } from './catalog.js';
import { findCategory } from './categories.js';
import { ENTRY_LIMITS } from './limits.js';
import type { CorpusProblem } from './problems.js';
import { type Company, FACT_STATUSES, type Fact, type FactStatus, REGIONS, SECTORS } from './types.js';
import { YamlReader } from './yaml-reader.js';

const EARLIEST_YEAR = 1990;

/** Parses one companies/<slug>.yaml file. Returns no company when the file has any problem. */
export function parseCompanyFile(file: string, text: string, catalog: TechnologyCatalog): { company?: Company; problems: CorpusProblem[] } {
  const reader = new YamlReader(file, text);
  if (reader.root === undefined) return { problems: reader.problems };
  reader.onlyFields([], ['name', 'aliases', 'summary', 'sector', 'region', 'facts']);
  const name = reader.string(['name'], { required: true });
  const summary = reader.string(['summary'], { required: true }) ?? '';
  const aliases = reader.stringList(['aliases']);
  const sector = oneOf(reader, 'sector', SECTORS);
  const region = oneOf(reader, 'region', REGIONS);
  const facts: Fact[] = [];
  const latestYear = new Date().getUTCFullYear();
  const seen = new Set<string>();

  reader.list(['facts']).forEach((_, index) => {
    const at = ['facts', index];
    reader.onlyFields(at, ['technology', 'category', 'usedFor', 'status', 'asOf', 'sources']);
    const technologyName = reader.string([...at, 'technology'], { required: true });
    const category = reader.string([...at, 'category'], { required: true });
    const usedFor = reader.string([...at, 'usedFor'], { required: true });
    const status = reader.string([...at, 'status'], { required: true });
    const asOf = reader.get([...at, 'asOf']);
    const sources = reader.urls([...at, 'sources']);

    const technology = technologyName ? catalog.find(technologyName) : undefined;
    if (technologyName && !technology) {
      reader.problem([...at, 'technology'], `unknown technology "${technologyName}" (add it to corpus/technologies/)`);
    }
    if (category && !findCategory(category)) reader.problem([...at, 'category'], `unknown category "${category}"`);
    if (status && !FACT_STATUSES.includes(status as FactStatus)) {
      reader.problem([...at, 'status'], `status must be one of ${FACT_STATUSES.join(', ')}, not "${status}"`);
    }
    if (typeof asOf !== 'number' || !Number.isInteger(asOf) || asOf < EARLIEST_YEAR || asOf > latestYear) {
      reader.problem([...at, 'asOf'], `asOf must be a year between ${EARLIEST_YEAR} and ${latestYear}`);
    }
    if (technology && seen.has(technology.slug)) reader.problem(at, `duplicate fact for ${technology.name}`);
    if (technology) seen.add(technology.slug);
    if (technology && category && usedFor && status) {
      const line = reader.lineOf(at);
      facts.push({ technology: technology.slug, category, usedFor, status: status as FactStatus, asOf: Number(asOf), sources, line });
    }
  });

  if (reader.get(['facts']) !== undefined && facts.length < ENTRY_LIMITS.minFactsPerCompany) {
    reader.problem(['facts'], `a company needs at least ${ENTRY_LIMITS.minFactsPerCompany} facts; this one has ${facts.length}`);
  }
  const categories = new Set(facts.map((fact) => fact.category)).size;
  if (reader.get(['facts']) !== undefined && categories < ENTRY_LIMITS.minCategoriesPerCompany) {
    reader.problem(
      ['facts'],
      `a company needs facts in at least ${ENTRY_LIMITS.minCategoriesPerCompany} categories; this one has ${categories}`,
    );
  }
  if (reader.problems.length > 0 || !name) return { problems: reader.problems };

  const slug = path.basename(file).replace(/\.ya?ml$/, '');
  return {
    company: { slug, name, aliases, summary, ...(sector ? { sector } : {}), ...(region ? { region } : {}), facts, file },
    problems: [],
  };
}

function oneOf<T extends string>(reader: YamlReader, field: string, allowed: readonly T[]): T | undefined {
  const value = reader.string([field]);
  if (value === undefined) return undefined;
  if (allowed.includes(value as T)) return value as T;
  reader.problem([field], `${field} must be one of ${allowed.join(', ')}, not "${value}"`);
  return undefined;
}

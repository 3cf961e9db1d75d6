import { sourceUrlProblem } from './formats.js';
import { ENTRY_LIMITS } from './limits.js';
import type { CorpusProblem } from './problems.js';
import type { Corpus, Entry } from './types.js';

/** Finds the line of an entry's file where `key:` lists `word`. */
export type EntryLine = (entry: Entry, key: string, word: string) => number;

/** An answer that opens by saying yes: "**Yes.** ...", "Yes, ...". */
const SAYS_YES = /^\W*yes\b/i;

/**
 * Editorial rules that span files: every fact cites a recorded, specific page; no page backs so
 * many facts that it must be an index; curated entries agree with the company facts they are tagged with.
 */
export function reviewCorpus(corpus: Corpus, lineOf: EntryLine): CorpusProblem[] {
  const problems: CorpusProblem[] = [];
  const recorded = new Map(corpus.sources.map((source) => [source.url, source]));
  const citedBy = new Map<string, { file: string; line: number }[]>();

  const checkSource = (url: string, at: { file: string; line: number }) => {
    const problem = sourceUrlProblem(url);
    if (problem) problems.push({ ...at, message: problem });
    else if (!recorded.has(url))
      problems.push({ ...at, message: `source ${url} is not recorded in corpus/sources/ (title, publisher, year)` });
  };

  for (const company of corpus.companies) {
    for (const fact of company.facts) {
      const at = { file: company.file, line: fact.line ?? 1 };
      for (const url of fact.sources) {
        checkSource(url, at);
        citedBy.set(url, [...(citedBy.get(url) ?? []), at]);
      }
      const years = fact.sources.flatMap((url) => recorded.get(url)?.year ?? []);
      if (years.length && fact.asOf > Math.max(...years)) {
        problems.push({
          ...at,
          message: `asOf ${fact.asOf} is later than its newest source (${Math.max(...years)}); asOf is the year a source shows it true`,
        });
      }
    }
  }
  for (const [url, facts] of citedBy) {
    if (facts.length <= ENTRY_LIMITS.maxFactsPerSource) continue;
    const first = facts[0]!;
    problems.push({
      ...first,
      message: `${url} backs ${facts.length} facts (more than ${ENTRY_LIMITS.maxFactsPerSource}): an index page rather than the page that states each fact`,
    });
  }

  const companies = new Map(corpus.companies.map((company) => [company.slug, company]));
  const technologyName = new Map(corpus.technologies.map((technology) => [technology.slug, technology.name]));
  for (const entry of corpus.entries) {
    const file = entry.file ?? '';
    for (const url of entry.sources) checkSource(url, { file, line: lineOf(entry, 'sources', url) });
    for (const slug of entry.companies) {
      const company = companies.get(slug);
      if (!company) continue;
      for (const technology of entry.technologies) {
        const name = technologyName.get(technology) ?? technology;
        const fact = company.facts.find((candidate) => candidate.technology === technology);
        if (entry.notUsed?.includes(technology)) {
          if (fact && fact.status !== 'formerly-used') {
            const line = lineOf(entry, 'notUsed', name);
            problems.push({ file, line, message: `says ${company.name} does not use ${name}, but ${company.file} lists it as used` });
          }
          continue;
        }
        const line = lineOf(entry, 'tags', name);
        if (!fact) {
          problems.push({ file, line, message: `tagged ${company.name} and ${name}, but ${company.file} has no ${name} fact` });
        } else if (fact.status === 'formerly-used' && SAYS_YES.test(entry.answer)) {
          problems.push({ file, line, message: `says yes to ${name}, but ${company.file} lists ${name} as formerly used` });
        }
      }
    }
  }
  return problems;
}

export interface CorpusStats {
  companies: number;
  facts: number;
  /** Share of facts citing at least one recorded, specific page. */
  specificSourceShare: number;
  /** Share of facts known true in `recentYear` or later. */
  recentShare: number;
  recentYear: number;
}

export function corpusStats(corpus: Corpus, recentYear: number): CorpusStats {
  const recorded = new Set(corpus.sources.map((source) => source.url));
  const facts = corpus.companies.flatMap((company) => company.facts);
  const specific = facts.filter((fact) => fact.sources.some((url) => recorded.has(url) && !sourceUrlProblem(url)));
  const recent = facts.filter((fact) => fact.asOf >= recentYear);
  const share = (part: number) => (facts.length ? part / facts.length : 0);
  return {
    companies: corpus.companies.length,
    facts: facts.length,
    specificSourceShare: share(specific.length),
    recentShare: share(recent.length),
    recentYear,
  };
}

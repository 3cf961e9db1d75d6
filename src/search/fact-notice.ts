import type { TechnologyCatalog } from '../corpus/catalog.js';
import type { Company, Fact } from '../corpus/types.js';

/**
 * What the corpus knows about each technology a question names, at one company: used, formerly used
 * (and when), or no record. A notice built from it can never contradict the facts.
 */
export function factNotice(company: Company, technologies: readonly string[], catalog: TechnologyCatalog): string {
  const nameOf = (slug: string) => catalog.get(slug)?.name ?? slug;
  const parts = technologies.map((slug) => {
    const fact = company.facts.find((candidate) => candidate.technology === slug);
    return describe(company, nameOf(slug), fact);
  });
  const missing = technologies.filter((slug) => !company.facts.some((fact) => fact.technology === slug));
  const [first] = missing;
  const technology = first ? catalog.get(first) : undefined;
  const sameCategory = technology
    ? company.facts
        .filter((fact) => fact.category === technology.category && fact.status !== 'formerly-used')
        .map((fact) => nameOf(fact.technology))
    : [];
  const alsoKnown = sameCategory.length ? ` Of that kind, ${company.name} is known to use: ${sameCategory.join(', ')}.` : '';
  return `${parts.join(' ')}${missing.length ? alsoKnown : ''}`;
}

function describe(company: Company, technology: string, fact: Fact | undefined): string {
  if (!fact) return `The Stackwise corpus has no record of ${company.name} using ${technology}, so I can't say either way.`;
  if (fact.status === 'formerly-used') return `${company.name} used ${technology} in the past (as of ${fact.asOf}).`;
  if (fact.status === 'in-house') return `${company.name} built and uses ${technology} (as of ${fact.asOf}).`;
  return `${company.name} uses ${technology} (as of ${fact.asOf}).`;
}

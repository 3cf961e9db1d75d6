import type { Intent } from '../corpus/types.js';
import type { Analysis } from './analyzer.js';

/**
 * The structured question behind an analysed text, when it has one:
 * one company and one technology -> "uses"; one company and one category -> "category";
 * one company and stack words (or nothing else) -> "stack"; one technology and
 * "which companies" -> "users".
 */
export function intentOf(analysis: Analysis): Intent | undefined {
  const { companies, technologies, categories } = analysis;
  if (companies.length === 1 && technologies.length === 1 && !analysis.asksWhichCompanies) {
    return { kind: 'uses', company: companies[0]!, technology: technologies[0]! };
  }
  if (companies.length === 1 && technologies.length === 0) {
    if (categories.length === 1) return { kind: 'category', company: companies[0]!, category: categories[0]! };
    const onlyTheName = analysis.terms.every((term) => term === companies[0]);
    if (categories.length === 0 && (analysis.asksStack || onlyTheName)) return { kind: 'stack', company: companies[0]! };
  }
  if (companies.length === 0 && technologies.length === 1 && analysis.asksWhichCompanies) {
    return { kind: 'users', technology: technologies[0]! };
  }
  return undefined;
}

/**
 * npm run corpus:check [-- DIR]
 * Validates the corpus and prints one line per problem ("file:line: message").
 * Exits 1 when there is any problem, 0 otherwise.
 */
import path from 'node:path';
import { loadCorpus } from '../corpus/load.js';
import { formatProblem } from '../corpus/problems.js';

const dir = path.resolve(process.argv[2] ?? 'corpus');
const { corpus, problems } = await loadCorpus(dir);
for (const problem of problems) console.log(formatProblem(problem));
const facts = corpus.companies.reduce((sum, company) => sum + company.facts.length, 0);
const summary =
  `${corpus.technologies.length} technologies, ${corpus.companies.length} companies (${facts} facts), ` +
  `${corpus.entries.length} curated entries`;
if (problems.length > 0) {
  console.log(`corpus:check: ${problems.length} problem(s) in ${dir}; loaded ${summary}`);
  process.exitCode = 1;
} else {
  console.log(`corpus:check: ok: ${summary}`);
}

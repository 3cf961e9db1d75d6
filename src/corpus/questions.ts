import type { TechnologyCatalog } from './catalog.js';
import { ENTRY_LIMITS } from './limits.js';
import type { CorpusProblem } from './problems.js';
import type { Entry } from './types.js';
import { isIsoDate, YamlReader } from './yaml-reader.js';

export const ENTRY_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

/** Finds a company slug by name, alias or slug. */
export type CompanyLookup = (nameOrAlias: string) => string | undefined;

/**
 * Parses one questions/**.md file: YAML front matter, then the answer in Discord markdown.
 * Returns no entry when the file has any problem.
 */
export function parseQuestionFile(
  file: string,
  text: string,
  catalog: TechnologyCatalog,
  findCompany: CompanyLookup,
): { entry?: Entry; problems: CorpusProblem[] } {
  const match = FRONT_MATTER.exec(text);
  if (!match) {
    return { problems: [{ file, line: 1, message: 'missing front matter: the file must start with a --- line' }] };
  }
  const [, frontMatter = '', body = ''] = match;
  const reader = new YamlReader(file, frontMatter, 2);
  if (reader.root === undefined) return { problems: reader.problems };
  if (typeof reader.root !== 'object' || reader.root === null || Array.isArray(reader.root)) {
    return { problems: [{ file, line: 2, message: 'front matter must be a YAML mapping' }] };
  }

  reader.onlyFields([], ['id', 'question', 'phrasings', 'tags', 'related', 'sources', 'askedBy', 'updated']);
  const id = reader.string(['id'], { required: true });
  if (id && !ENTRY_ID_PATTERN.test(id)) {
    reader.problem(['id'], `id "${id}" must be lowercase letters, digits and dashes (at most 64)`);
  }
  const question = reader.string(['question'], { required: true, maxChars: ENTRY_LIMITS.questionMaxChars });
  const phrasings = reader.stringList(['phrasings']);
  phrasings.forEach((phrasing, index) => {
    if (phrasing.length > ENTRY_LIMITS.questionMaxChars) {
      reader.problem(['phrasings', index], `phrasing is ${phrasing.length} characters; the limit is ${ENTRY_LIMITS.questionMaxChars}`);
    }
  });
  const related = reader.stringList(['related']);
  const sources = reader.urls(['sources']);
  const askedBy = reader.string(['askedBy']);
  const updated = reader.string(['updated']);
  if (updated !== undefined && !isIsoDate(updated)) {
    reader.problem(['updated'], `malformed date "${updated}" (expected YYYY-MM-DD)`);
  }

  const companies = new Set<string>();
  const technologies = new Set<string>();
  reader.stringList(['tags']).forEach((tag, index) => {
    const technology = catalog.find(tag);
    const company = findCompany(tag);
    if (technology) technologies.add(technology.slug);
    if (company) companies.add(company);
    if (!technology && !company) {
      reader.problem(
        ['tags', index],
        `unknown technology or company "${tag}" in tags (add it to corpus/technologies/ or corpus/companies/)`,
      );
    }
  });

  const answer = body.trim();
  const bodyLine = frontMatter.split('\n').length + 3;
  if (answer === '') reader.problems.push({ file, line: bodyLine, message: 'missing answer: the body after the front matter is empty' });
  if (answer.length > ENTRY_LIMITS.answerMaxChars) {
    reader.problems.push({
      file,
      line: bodyLine,
      message: `answer is ${answer.length} characters; Discord's embed limit is ${ENTRY_LIMITS.answerMaxChars}`,
    });
  }
  if (reader.problems.length > 0 || !id || !question) return { problems: reader.problems };

  return {
    entry: {
      id,
      question,
      phrasings,
      answer,
      companies: [...companies],
      technologies: [...technologies],
      related,
      sources,
      ...(askedBy ? { askedBy } : {}),
      ...(updated ? { updated } : {}),
      origin: 'curated',
      file,
    },
    problems: [],
  };
}

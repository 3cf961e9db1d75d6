import type { TechnologyCatalog } from './catalog.js';
import { cleanContent, contentProblems, shippedEntry } from './content.js';
import { ENTRY_ID_RULE, WRITTEN_ENTRY_ID } from './entry-id.js';
import { isIsoDate } from './formats.js';
import type { CorpusProblem } from './problems.js';
import type { Entry } from './types.js';
import { YamlReader } from './yaml-reader.js';

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

  reader.onlyFields([], ['id', 'question', 'phrasings', 'tags', 'notUsed', 'related', 'sources', 'askedBy', 'updated']);
  const id = reader.string(['id'], { required: true });
  if (id && !WRITTEN_ENTRY_ID.test(id)) reader.problem(['id'], `id "${id}" must be ${ENTRY_ID_RULE}`);
  const updated = reader.string(['updated']);
  if (updated !== undefined && !isIsoDate(updated)) reader.problem(['updated'], `malformed date "${updated}" (expected YYYY-MM-DD)`);
  const related = reader.stringList(['related']);
  const askedBy = reader.string(['askedBy']);
  const content = cleanContent({
    question: reader.string(['question']) ?? '',
    answer: body,
    phrasings: reader.stringList(['phrasings']),
    tags: reader.stringList(['tags']),
    sources: reader.stringList(['sources']),
    ...(askedBy ? { askedBy } : {}),
  });
  const bodyLine = frontMatter.split('\n').length + 3;
  const isKnown = (tag: string) => catalog.find(tag) !== undefined || findCompany(tag) !== undefined;
  for (const { field, message } of contentProblems(content, isKnown)) {
    reader.problems.push({ file, line: field === 'answer' ? bodyLine : reader.lineOf([field]), message });
  }
  const notUsed = reader.stringList(['notUsed']).flatMap((name, index) => {
    const technology = catalog.find(name);
    if (!technology) reader.problem(['notUsed', index], `unknown technology "${name}" in notUsed`);
    return technology ? [technology.slug] : [];
  });
  if (reader.problems.length > 0 || !id) return { problems: reader.problems };

  const resolveTag = (tag: string) => ({ company: findCompany(tag), technology: catalog.find(tag)?.slug });
  const entry = shippedEntry(id, content, resolveTag, { related, ...(updated ? { updated } : {}), file });
  if (notUsed.length) {
    entry.technologies = [...new Set([...entry.technologies, ...notUsed])];
    entry.notUsed = notUsed;
  }
  return { entry, problems: [] };
}

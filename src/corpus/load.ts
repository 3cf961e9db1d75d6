import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { foldText } from '../search/normalize.js';
import { findCatalogClashes, parseTechnologyFile, TechnologyCatalog } from './catalog.js';
import { parseCompanyFile } from './companies.js';
import type { CorpusProblem } from './problems.js';
import { parseQuestionFile } from './questions.js';
import type { Company, Corpus, Entry, Technology } from './types.js';

export interface LoadedCorpus {
  corpus: Corpus;
  /** Every problem found. Files with problems are skipped; the rest loads. */
  problems: CorpusProblem[];
}

async function listFiles(dir: string, pattern: RegExp): Promise<string[]> {
  let dirents;
  try {
    dirents = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return dirents
    .filter((dirent) => dirent.isFile() && pattern.test(dirent.name))
    .map((dirent) => path.join(dirent.parentPath, dirent.name))
    .sort();
}

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') ? file : relative;
}

async function readAll(files: string[]): Promise<{ file: string; text: string }[]> {
  return Promise.all(files.map(async (file) => ({ file: displayPath(file), text: await readFile(file, 'utf8') })));
}

/**
 * Loads and validates a corpus folder (technologies/, companies/, questions/).
 * Never throws for bad content: a bad file is skipped and reported in `problems`.
 */
export async function loadCorpus(dir: string): Promise<LoadedCorpus> {
  const problems: CorpusProblem[] = [];

  const technologies: Technology[] = [];
  for (const { file, text } of await readAll(await listFiles(path.join(dir, 'technologies'), /\.ya?ml$/))) {
    const parsed = parseTechnologyFile(file, text);
    problems.push(...parsed.problems);
    if (parsed.problems.length === 0) technologies.push(...parsed.technologies);
  }
  const clashes = findCatalogClashes(technologies);
  problems.push(...clashes);
  const catalog = new TechnologyCatalog(technologies);

  const companies: Company[] = [];
  const companyByName = new Map<string, string>();
  for (const { file, text } of await readAll(await listFiles(path.join(dir, 'companies'), /\.ya?ml$/))) {
    const parsed = parseCompanyFile(file, text, catalog);
    problems.push(...parsed.problems);
    const company = parsed.company;
    if (!company) continue;
    const names = [company.slug, company.name, ...company.aliases].map(foldText);
    const taken = names.find((name) => companyByName.has(name));
    if (taken) {
      problems.push({ file, line: 1, message: `company name "${taken}" is already used by ${companyByName.get(taken)}` });
      continue;
    }
    for (const name of names) companyByName.set(name, company.slug);
    companies.push(company);
  }

  const entries: Entry[] = [];
  const entryFiles = new Map<string, string>();
  const entryTexts = new Map<Entry, string>();
  const findCompany = (name: string) => companyByName.get(foldText(name.trim()));
  for (const { file, text } of await readAll(await listFiles(path.join(dir, 'questions'), /\.md$/))) {
    if (path.basename(file).toLowerCase() === 'readme.md') continue;
    const parsed = parseQuestionFile(file, text, catalog, findCompany);
    problems.push(...parsed.problems);
    const entry = parsed.entry;
    if (!entry) continue;
    const firstFile = entryFiles.get(entry.id);
    if (firstFile) {
      problems.push({ file, line: 2, message: `duplicate id "${entry.id}" (first used in ${firstFile})` });
      continue;
    }
    entryFiles.set(entry.id, file);
    entryTexts.set(entry, text);
    entries.push(entry);
  }

  for (const entry of entries) {
    const missing = entry.related.filter((id) => !entryFiles.has(id));
    for (const id of missing) {
      const line = lineMentioning(entryTexts.get(entry) ?? '', id, 'related');
      problems.push({ file: entry.file ?? '', line, message: `related id "${id}" does not exist` });
    }
    entry.related = entry.related.filter((id) => entryFiles.has(id) && id !== entry.id);
  }

  return { corpus: { technologies, companies, entries }, problems };
}

/** The line of `text` that names `word`, looking from the line that holds `key:` on. */
function lineMentioning(text: string, word: string, key: string): number {
  const lines = text.split('\n');
  const start = Math.max(0, lines.findIndex((line) => line.trimStart().startsWith(`${key}:`)));
  const offset = lines.slice(start).findIndex((line) => line.includes(word));
  return offset === -1 ? start + 1 : start + offset + 1;
}

import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseBundleFile } from './bundle.js';
import { findCatalogClashes } from './catalog.js';
import { parseCompanyFile } from './companies.js';
import { CorpusNames } from './names.js';
import type { CorpusProblem } from './problems.js';
import { parseQuestionFile } from './questions.js';
import { reviewCorpus } from './review.js';
import { parseSourceFile } from './source-file.js';
import { parseTechnologyFile } from './technology-file.js';
import type { Company, Corpus, Entry, Source, Technology } from './types.js';
import { NO_WORDS } from './words.js';
import { parseWordsFile } from './words-file.js';

export interface LoadedCorpus {
  corpus: Corpus;
  /** Every problem found. Files with problems are skipped (or kept at their last good version); the rest loads. */
  problems: CorpusProblem[];
  /**
   * Problems of editorial policy across files (unrecorded or index-page sources, curated entries that
   * disagree with the facts). They skip nothing; `corpus:check` fails on them so they never ship.
   */
  readonly reviewProblems: CorpusProblem[];
  /** Files that had problems and were loaded from their last good text instead. */
  fellBack: string[];
}

export interface LoadOptions {
  /**
   * Absolute path -> the text that last loaded cleanly. A file that now has problems loads from
   * it instead, so a typo saved while the bot runs never takes an entry away. Updated in place.
   */
  lastGood?: Map<string, string>;
}

/** A way to load a corpus folder: `loadCorpus` here, or the same in a worker thread (CorpusWorker). */
export type CorpusLoader = (dir: string, options: LoadOptions) => Promise<Pick<LoadedCorpus, 'problems' | 'fellBack'> & { corpus: Corpus }>;

/** The files under `dir` whose names match `pattern`, sorted; none when it does not exist. */
export async function listFiles(dir: string, pattern: RegExp): Promise<string[]> {
  let dirents: Dirent[];
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

async function readAll(files: string[]): Promise<{ path: string; file: string; text: string }[]> {
  return Promise.all(files.map(async (file) => ({ path: file, file: displayPath(file), text: await readFile(file, 'utf8') })));
}

/**
 * Parses a file; when it has problems and its last good text is known, parses that instead.
 * The problems are reported either way.
 */
function parseWithFallback<T extends { problems: CorpusProblem[] }>(
  source: { path: string; file: string; text: string },
  parse: (text: string) => T,
  options: LoadOptions,
  fellBack: string[],
): T {
  const parsed = parse(source.text);
  if (parsed.problems.length === 0) {
    options.lastGood?.set(source.path, source.text);
    return parsed;
  }
  const previous = options.lastGood?.get(source.path);
  const old = previous === undefined ? undefined : parse(previous);
  if (!old || old.problems.length > 0) return parsed;
  fellBack.push(source.file);
  return { ...old, problems: parsed.problems };
}

/**
 * Loads and validates a corpus folder (technologies/, companies/, questions/).
 * Never throws for bad content: a bad file is skipped and reported in `problems`.
 */
export async function loadCorpus(dir: string, options: LoadOptions = {}): Promise<LoadedCorpus> {
  const problems: CorpusProblem[] = [];
  const fellBack: string[] = [];
  const seen = new Set<string>();
  const read = async (subdir: string, pattern: RegExp) => {
    const sources = await readAll(await listFiles(path.join(dir, subdir), pattern));
    for (const source of sources) seen.add(source.path);
    return sources;
  };

  let words = NO_WORDS;
  const [wordsFile] = await readAll((await listFiles(dir, /^words\.yaml$/)).filter((file) => path.dirname(file) === dir));
  if (wordsFile) {
    seen.add(wordsFile.path);
    const parsed = parseWithFallback(wordsFile, (text) => parseWordsFile(wordsFile.file, text), options, fellBack);
    problems.push(...parsed.problems);
    if (parsed.words) words = parsed.words;
  } else {
    problems.push({
      file: path.join(displayPath(dir), 'words.yaml'),
      line: 1,
      message: 'missing words.yaml: the words questions are read with',
    });
  }

  const technologies: Technology[] = [];
  for (const source of await read('technologies', /\.ya?ml$/)) {
    const parsed = parseWithFallback(source, (text) => parseTechnologyFile(source.file, text), options, fellBack);
    problems.push(...parsed.problems);
    if (parsed.problems.length === 0 || fellBack.includes(source.file)) technologies.push(...parsed.technologies);
  }
  const clashes = findCatalogClashes(technologies);
  problems.push(...clashes);
  const names = new CorpusNames(technologies);
  const { catalog } = names;

  const sources: Source[] = [];
  const sourceFiles = new Map<string, string>();
  for (const source of await read('sources', /\.ya?ml$/)) {
    const parsed = parseWithFallback(source, (text) => parseSourceFile(source.file, text), options, fellBack);
    problems.push(...parsed.problems);
    if (parsed.problems.length > 0 && !fellBack.includes(source.file)) continue;
    for (const recorded of parsed.sources) {
      const first = sourceFiles.get(recorded.url);
      if (first) {
        problems.push({ file: source.file, line: recorded.line ?? 1, message: `source ${recorded.url} is already recorded in ${first}` });
        continue;
      }
      sourceFiles.set(recorded.url, source.file);
      sources.push(recorded);
    }
  }

  const companies: Company[] = [];
  for (const source of await read('companies', /\.ya?ml$/)) {
    const { file } = source;
    const parsed = parseWithFallback(source, (text) => parseCompanyFile(file, text, catalog), options, fellBack);
    problems.push(...parsed.problems);
    const company = parsed.company;
    if (!company) continue;
    const clash = names.addCompany(company);
    if (clash) {
      problems.push({ file, line: 1, message: `company name "${clash.name}" is already used by ${clash.takenBy}` });
      continue;
    }
    companies.push(company);
  }

  const entries: Entry[] = [];
  const entryFiles = new Map<string, string>();
  const entryTexts = new Map<Entry, string>();
  const findCompany = (name: string) => names.company(name);
  for (const source of await read('questions', /\.(md|ya?ml)$/)) {
    const { file } = source;
    if (path.basename(file).toLowerCase() === 'readme.md') continue;
    // A .yaml file holds several entries: the format /faq export writes.
    const parse = file.endsWith('.md')
      ? (text: string) => {
          const { entry, problems: found } = parseQuestionFile(file, text, catalog, findCompany);
          return { entries: entry ? [entry] : [], problems: found, text };
        }
      : (text: string) => ({ ...parseBundleFile(file, text, catalog, findCompany), text });
    const parsed = parseWithFallback(source, parse, options, fellBack);
    problems.push(...parsed.problems);
    for (const entry of parsed.entries) {
      const firstFile = entryFiles.get(entry.id);
      if (firstFile) {
        problems.push({
          file,
          line: lineMentioning(parsed.text, entry.id, 'id'),
          message: `duplicate id "${entry.id}" (first used in ${firstFile})`,
        });
        continue;
      }
      entryFiles.set(entry.id, file);
      entryTexts.set(entry, parsed.text);
      entries.push(entry);
    }
  }

  for (const entry of entries) {
    const missing = entry.related.filter((id) => !entryFiles.has(id));
    for (const id of missing) {
      const line = lineMentioning(entryTexts.get(entry) ?? '', id, 'related');
      problems.push({ file: entry.file ?? '', line, message: `related id "${id}" does not exist` });
    }
    entry.related = entry.related.filter((id) => entryFiles.has(id) && id !== entry.id);
  }

  for (const known of options.lastGood?.keys() ?? []) if (!seen.has(known)) options.lastGood?.delete(known);
  const corpus = { technologies, names, companies, sources, entries, words };
  // The editorial review is for corpus:check; the bot's loads and reloads never pay for it.
  let review: CorpusProblem[] | undefined;
  return {
    corpus,
    problems,
    fellBack,
    get reviewProblems() {
      review ??= reviewCorpus(corpus, (entry, key, word) => lineMentioning(entryTexts.get(entry) ?? '', word, key));
      return review;
    },
  };
}

/** The line of `text` that names `word`, looking from the line that holds `key:` on. */
function lineMentioning(text: string, word: string, key: string): number {
  const lines = text.split('\n');
  const start = Math.max(
    0,
    lines.findIndex((line) => line.trimStart().startsWith(`${key}:`)),
  );
  const offset = lines.slice(start).findIndex((line) => line.includes(word));
  return offset === -1 ? start + 1 : start + offset + 1;
}

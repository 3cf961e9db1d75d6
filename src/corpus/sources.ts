import type { CorpusProblem } from './problems.js';
import type { Citation, Source } from './types.js';
import { YamlReader } from './yaml-reader.js';

const EARLIEST_YEAR = 1990;
const FIELDS = ['url', 'title', 'publisher', 'year'] as const;

/**
 * Why a URL cannot back a fact, or undefined when it can: a source is a specific page on an
 * https site, never a site's front page.
 */
export function sourceUrlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `"${text}" is not a web address`;
  }
  if (url.protocol !== 'https:') return `source "${text}" must be an https:// address`;
  if (!url.hostname.includes('.') || /\s/.test(text)) return `"${text}" is not a web address`;
  if (url.pathname.replace(/\/+$/, '') === '' && !url.search) {
    return `source "${text}" is a site's front page; cite the page that states the fact`;
  }
  return undefined;
}

/** Parses one sources/*.yaml file: a list of { url, title, publisher, year } as the pages give them. */
export function parseSourceFile(file: string, text: string): { sources: Source[]; problems: CorpusProblem[] } {
  const reader = new YamlReader(file, text);
  const sources: Source[] = [];
  if (reader.root !== undefined && !Array.isArray(reader.root)) {
    reader.problem([], 'a sources file must be a YAML list of { url, title, publisher, year }');
  }
  const latestYear = new Date().getUTCFullYear();
  reader.list([]).forEach((_, index) => {
    reader.onlyFields([index], FIELDS);
    const url = reader.string([index, 'url'], { required: true });
    const title = reader.string([index, 'title'], { required: true });
    const publisher = reader.string([index, 'publisher'], { required: true });
    const year = reader.get([index, 'year']);
    const urlProblem = url === undefined ? undefined : sourceUrlProblem(url);
    if (urlProblem) reader.problem([index, 'url'], urlProblem);
    const validYear = typeof year === 'number' && Number.isInteger(year) && year >= EARLIEST_YEAR && year <= latestYear;
    if (!validYear) reader.problem([index, 'year'], `year must be the page's publication year, between ${EARLIEST_YEAR} and ${latestYear}`);
    if (url && title && publisher && validYear && !urlProblem) {
      sources.push({ url, title, publisher, year, file, line: reader.lineOf([index, 'url']) });
    }
  });
  return { sources, problems: reader.problems };
}

/** The recorded sources by URL: how an answer turns an address into a titled citation. */
export class SourceRegistry {
  private readonly byUrl = new Map<string, Source>();

  constructor(sources: readonly Source[]) {
    for (const source of sources) if (!this.byUrl.has(source.url)) this.byUrl.set(source.url, source);
  }

  get(url: string): Source | undefined {
    return this.byUrl.get(url);
  }

  cite(urls: readonly string[]): Citation[] {
    return urls.map((url) => this.byUrl.get(url) ?? { url });
  }
}

/** "How Discord Stores Trillions of Messages, Discord blog, 2023", or the bare address. */
export function citationLabel(citation: Citation): string {
  return citation.title ? `${citation.title}, ${citation.publisher}, ${citation.year}` : citation.url;
}

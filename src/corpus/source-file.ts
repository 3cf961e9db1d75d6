import { sourceUrlProblem } from './formats.js';
import type { CorpusProblem } from './problems.js';
import type { Source } from './types.js';
import { YamlReader } from './yaml-reader.js';

const EARLIEST_YEAR = 1990;
const FIELDS = ['url', 'title', 'publisher', 'year'] as const;

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

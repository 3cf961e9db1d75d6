import { readBundle } from './bundle.js';
import type { TechnologyCatalog } from './catalog.js';
import { cleanContent, contentProblems, shippedEntry } from './content.js';
import type { CorpusProblem } from './problems.js';
import type { CompanyLookup } from './questions.js';
import type { Entry } from './types.js';
import { isIsoDate } from './yaml-reader.js';

/**
 * Parses a questions/**.yaml file: several entries in the format /faq export writes, so a
 * server's entries can be shipped by adding its export to the corpus. Returns no entries when
 * the file has any problem.
 */
export function parseBundleFile(
  file: string,
  text: string,
  catalog: TechnologyCatalog,
  findCompany: CompanyLookup,
): { entries: Entry[]; problems: CorpusProblem[] } {
  const { items, problems } = readBundle(file, text);
  const entries: Entry[] = [];
  const isKnown = (tag: string) => catalog.find(tag) !== undefined || findCompany(tag) !== undefined;
  const resolveTag = (tag: string) => ({ company: findCompany(tag), technology: catalog.find(tag)?.slug });
  for (const item of items) {
    const at = (message: string) => problems.push({ file, line: item.line, message });
    if (!item.id) at('missing id: every shipped entry needs one');
    if (item.updated !== undefined && !isIsoDate(item.updated)) at(`malformed date "${item.updated}" (expected YYYY-MM-DD)`);
    const content = cleanContent(item.content);
    for (const { message } of contentProblems(content, isKnown)) at(message);
    if (!item.id) continue;
    entries.push(
      shippedEntry(item.id, content, resolveTag, { related: item.related, ...(item.updated ? { updated: item.updated } : {}), file }),
    );
  }
  return problems.length ? { entries: [], problems } : { entries, problems };
}

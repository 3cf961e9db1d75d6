/** Checks of plain text formats, shared by the corpus files and the import bundles. */
export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.') && !/\s/.test(text);
  } catch {
    return false;
  }
}

/** A real calendar date in YYYY-MM-DD form. */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

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

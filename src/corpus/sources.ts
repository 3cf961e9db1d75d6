import type { Citation, Source } from './types.js';

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

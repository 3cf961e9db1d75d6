import { type Document, LineCounter, parseDocument } from 'yaml';
import { isHttpUrl } from './formats.js';
import type { CorpusProblem } from './problems.js';

type Path = readonly (string | number)[];

/** How many alias expansions a file may make: enough for any real file, far too few for an alias bomb. */
const MAX_ALIAS_COUNT = 100;

/**
 * Reads typed fields out of a YAML document and records a located problem for each
 * field that is missing or malformed, instead of stopping at the first one.
 */
export class YamlReader {
  readonly problems: CorpusProblem[] = [];
  readonly root: unknown;
  private readonly document: Document;
  private readonly lines = new LineCounter();

  /** @param firstLine the file line the YAML text starts on (front matter starts on line 2). */
  constructor(
    readonly file: string,
    text: string,
    private readonly firstLine = 1,
  ) {
    this.document = parseDocument(text, { lineCounter: this.lines, uniqueKeys: true });
    for (const error of this.document.errors) {
      const line = error.linePos?.[0]?.line ?? 1;
      this.problems.push({ file, line: line + firstLine - 1, message: `YAML: ${error.message.split('\n')[0]}` });
    }
    this.root = this.document.errors.length === 0 ? this.toJS(file, firstLine) : undefined;
  }

  /** The document as plain data; an alias bomb (nested &a / *a) is a located problem, not a crash. */
  private toJS(file: string, firstLine: number): unknown {
    try {
      return this.document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      const message = (error as Error).message.split('\n')[0];
      this.problems.push({ file, line: firstLine, message: `YAML: ${message} (at most ${MAX_ALIAS_COUNT} alias expansions)` });
      return undefined;
    }
  }

  lineOf(path: Path): number {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = this.document.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return this.lines.linePos(node.range[0]).line + this.firstLine - 1;
    }
    return this.firstLine;
  }

  problem(path: Path, message: string): void {
    this.problems.push({ file: this.file, line: this.lineOf(path), message });
  }

  get(path: Path): unknown {
    let value: unknown = this.root;
    for (const key of path) {
      if (value === null || typeof value !== 'object') return undefined;
      value = (value as Record<string | number, unknown>)[key];
    }
    return value;
  }

  /**
   * Reports fields this format does not have. In YAML flow style ("{ usedFor: a, b }") a comma
   * inside text silently starts a new field; this is how such a cut shows up.
   */
  onlyFields(path: Path, allowed: readonly string[]): void {
    const value = this.get(path);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        this.problem([...path, key], `unknown field "${key}" (expected ${allowed.join(', ')}); quote text that contains commas or colons`);
      }
    }
  }

  string(path: Path, options: { required?: boolean; maxChars?: number } = {}): string | undefined {
    const value = this.get(path);
    const name = String(path.at(-1));
    if (value === undefined || value === null || value === '') {
      if (options.required) this.problem(path, `missing ${name}`);
      return undefined;
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
      this.problem(path, `${name} must be text`);
      return undefined;
    }
    const text = String(value).trim();
    if (options.required && text === '') this.problem(path, `missing ${name}`);
    if (options.maxChars !== undefined && text.length > options.maxChars) {
      this.problem(path, `${name} is ${text.length} characters; the limit is ${options.maxChars}`);
    }
    return text;
  }

  stringList(path: Path): string[] {
    const value = this.get(path);
    if (value === undefined || value === null) return [];
    const name = String(path.at(-1));
    if (!Array.isArray(value)) {
      this.problem(path, `${name} must be a list`);
      return [];
    }
    const items: string[] = [];
    value.forEach((item, index) => {
      if (typeof item === 'string' || typeof item === 'number') items.push(String(item).trim());
      else this.problem([...path, index], `${name}[${index}] must be text`);
    });
    return items;
  }

  list(path: Path): unknown[] {
    const value = this.get(path);
    if (Array.isArray(value)) return value;
    if (value !== undefined && value !== null) this.problem(path, `${String(path.at(-1))} must be a list`);
    return [];
  }

  urls(path: Path): string[] {
    return this.stringList(path).filter((url, index) => {
      const ok = isHttpUrl(url);
      if (!ok) this.problem([...path, index], `malformed URL "${url}" (expected http:// or https://)`);
      return ok;
    });
  }
}

import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger.js';

/**
 * The last version of each corpus file that loaded cleanly, kept in DATA_DIR/last-good/ so that a file
 * broken on disk at start still loads (with a warning) instead of losing its entries. Files are written to
 * a temporary name and renamed, so a crash never leaves half a copy.
 */
export class LastGoodFiles {
  /** Absolute corpus path -> text. The loader reads and updates it in place. */
  readonly texts = new Map<string, string>();
  private readonly saved = new Map<string, string>();

  private constructor(
    private readonly corpusDir: string,
    private readonly folder: string,
  ) {}

  /** The copies kept in DATA_DIR, read on first use (see `read`). */
  static inDataDir(corpusDir: string, dataDir: string): LastGoodFiles {
    return new LastGoodFiles(path.resolve(corpusDir), path.join(dataDir, 'last-good'));
  }

  private reading: Promise<LastGoodFiles> | undefined;

  /**
   * Reads the copies, once, side by side and asynchronously (a few hundred files). Only a load that
   * parses the corpus needs them: a start that finds its index snapshot never reads them.
   */
  read(): Promise<LastGoodFiles> {
    this.reading ??= (async () => {
      const relatives = await listFiles(this.folder);
      const texts = await Promise.all(relatives.map((relative) => readFile(path.join(this.folder, relative), 'utf8')));
      relatives.forEach((relative, index) => {
        const file = path.join(this.corpusDir, relative);
        this.texts.set(file, texts[index]!);
        this.saved.set(file, texts[index]!);
      });
      return this;
    })();
    return this.reading;
  }

  private saving: Promise<void> = Promise.resolve();

  /**
   * Best effort, in the background: a DATA_DIR that cannot take the copies costs nothing now, only the
   * fallback next time. Saves run one after another, with asynchronous writes, so the first start (a few
   * hundred files) never holds up an interaction.
   */
  saveOrWarn(logger: Logger): Promise<void> {
    this.saving = this.saving.then(
      () => this.save(),
      () => this.save(),
    );
    this.saving = this.saving.catch((error: unknown) => logger.warn({ err: error }, 'could not keep the last good corpus files'));
    return this.saving;
  }

  /** Waits for the saves under way, e.g. before the process exits. */
  flush(): Promise<void> {
    return this.saving;
  }

  /** Writes what changed since the last save; drops copies of files that no longer exist. */
  private async save(): Promise<void> {
    // Unread, the copies have not been used, so nothing can have changed.
    if (!this.reading) return;
    await this.reading;
    for (const [file, text] of [...this.texts]) {
      if (this.saved.get(file) === text) continue;
      const target = this.copyOf(file);
      if (!target) continue;
      await mkdir(path.dirname(target), { recursive: true });
      // A temporary name of this process's own: shard processes sharing DATA_DIR may save the same file at once.
      const temporary = `${target}.${process.pid}.tmp`;
      await writeFile(temporary, text);
      await rename(temporary, target);
      this.saved.set(file, text);
    }
    for (const file of [...this.saved.keys()]) {
      if (this.texts.has(file)) continue;
      const target = this.copyOf(file);
      if (target) await rm(target, { force: true });
      this.saved.delete(file);
    }
  }

  private copyOf(file: string): string | undefined {
    const relative = path.relative(this.corpusDir, file);
    return relative.startsWith('..') || path.isAbsolute(relative) ? undefined : path.join(this.folder, relative);
  }
}

async function listFiles(folder: string): Promise<string[]> {
  try {
    return (await readdir(folder, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile() && !entry.name.endsWith('.tmp'))
      .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)));
  } catch {
    return [];
  }
}

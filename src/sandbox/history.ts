import { readFile, rename, writeFile } from 'node:fs/promises';
import type { Logger } from '../logger.js';
import type { DiscordEmulator, EmulatedMessage } from './emulator/index.js';

/** The most messages kept: older ones go, as a channel scrolls. */
const HISTORY_LIMIT = 500;
/** Saves follow a burst of changes (an answer, then its edit) once. */
const SAVE_DELAY_MS = 200;

function isMessage(value: unknown): value is EmulatedMessage {
  const message = value as Partial<EmulatedMessage> | null;
  return (
    typeof message === 'object' &&
    message !== null &&
    typeof message.id === 'string' &&
    typeof message.channel_id === 'string' &&
    typeof message.content === 'string' &&
    typeof message.author === 'object'
  );
}

/**
 * The sandbox's channel messages, kept in a file in its data folder so that a restart shows the
 * conversation where it was. Ephemeral messages are not kept, as Discord forgets them on reload. Each
 * save writes a temporary file and renames it, so a crash never leaves half a history.
 */
export class MessageHistory {
  private timer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly emulator: DiscordEmulator,
    private readonly logger: Logger,
  ) {}

  /** Puts the saved messages back; a missing file is an empty history, a broken one is set aside with a warning. */
  async restore(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return;
    }
    try {
      const saved: unknown = JSON.parse(text);
      if (!Array.isArray(saved) || !saved.every(isMessage)) throw new Error('not a list of messages');
      this.emulator.restoreMessages(saved);
    } catch (error) {
      this.logger.warn({ err: error, file: this.file }, 'sandbox history unreadable: set aside, starting with an empty channel');
      await rename(this.file, `${this.file}.bad`).catch(() => undefined);
    }
  }

  /** Saves after every change to a channel message. */
  follow(): void {
    const later = () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.save(), SAVE_DELAY_MS);
    };
    for (const event of ['message', 'messageUpdate', 'messageDelete'] as const) this.emulator.on(event, later);
  }

  /** Writes what is pending now and waits for it. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      await this.save();
    }
    await this.saving;
  }

  private save(): Promise<void> {
    this.saving = this.saving.then(async () => {
      const channels = [...this.emulator.guilds.flatMap((guild) => guild.channels), ...this.emulator.dmChannels];
      const messages = channels.flatMap((channel) => this.emulator.messages(channel.id));
      const kept = messages.slice(-HISTORY_LIMIT);
      try {
        await writeFile(`${this.file}.tmp`, JSON.stringify(kept));
        await rename(`${this.file}.tmp`, this.file);
      } catch (error) {
        this.logger.warn({ err: error, file: this.file }, 'could not save the sandbox history');
      }
    });
    return this.saving;
  }
}

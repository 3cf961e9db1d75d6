import { AskLogStore } from './ask-log.js';
import { AutoAnswerStore } from './auto-answer.js';
import { type Db, openDatabase } from './database.js';
import { FormDraftStore } from './form-drafts.js';
import { PendingImportStore } from './pending-imports.js';
import { RecordWriter } from './record-writer.js';
import { ServerEntryStore } from './server-entries.js';
import { SettingsStore } from './settings.js';
import { UnansweredStore } from './unanswered.js';
import { VoteStore } from './votes.js';

/** The bot's durable state: one SQLite file in DATA_DIR. */
export class Store {
  readonly votes: VoteStore;
  readonly unanswered: UnansweredStore;
  readonly entries: ServerEntryStore;
  readonly settings: SettingsStore;
  readonly pendingImports: PendingImportStore;
  readonly formDrafts: FormDraftStore;
  /** Records written after a reply (the unanswered queue), on a thread of their own. Readers wait for `records.settled()`. */
  readonly records: RecordWriter;
  readonly askLog: AskLogStore;
  readonly autoAnswer: AutoAnswerStore;

  private constructor(readonly db: Db) {
    this.votes = new VoteStore(db);
    this.unanswered = new UnansweredStore(db);
    this.entries = new ServerEntryStore(db);
    this.settings = new SettingsStore(db);
    this.pendingImports = new PendingImportStore(db);
    this.formDrafts = new FormDraftStore(db);
    this.records = new RecordWriter(db.name);
    this.askLog = new AskLogStore(db);
    this.autoAnswer = new AutoAnswerStore(db);
  }

  static open(dataDir: string): Store {
    return new Store(openDatabase(dataDir));
  }

  /** Every connection refuses changes, or takes them again: a seam for tests of a store that cannot write. */
  async refuseWrites(on: boolean): Promise<void> {
    this.db.pragma(`query_only = ${on ? 'ON' : 'OFF'}`);
    await this.records.refuseWrites(on);
  }

  /** Waits for the records in flight, then closes. */
  async close(): Promise<void> {
    await this.records.close();
    if (this.db.open) this.db.close();
  }
}

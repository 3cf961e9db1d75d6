import { AutoAnswerStore } from './auto-answer.js';
import { type Db, openDatabase } from './database.js';
import { FormDraftStore } from './form-drafts.js';
import { PendingImportStore } from './pending-imports.js';
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
  readonly autoAnswer: AutoAnswerStore;

  private constructor(readonly db: Db) {
    this.votes = new VoteStore(db);
    this.unanswered = new UnansweredStore(db);
    this.entries = new ServerEntryStore(db);
    this.settings = new SettingsStore(db);
    this.pendingImports = new PendingImportStore(db);
    this.formDrafts = new FormDraftStore(db);
    this.autoAnswer = new AutoAnswerStore(db);
  }

  static open(dataDir: string): Store {
    return new Store(openDatabase(dataDir));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

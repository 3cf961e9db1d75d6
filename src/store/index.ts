import { openDatabase, type Db } from './database.js';
import { UnansweredStore } from './unanswered.js';
import { VoteStore } from './votes.js';

/** The bot's durable state: one SQLite file in DATA_DIR. */
export class Store {
  readonly votes: VoteStore;
  readonly unanswered: UnansweredStore;

  private constructor(readonly db: Db) {
    this.votes = new VoteStore(db);
    this.unanswered = new UnansweredStore(db);
  }

  static open(dataDir: string): Store {
    return new Store(openDatabase(dataDir));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

import { type DiscordHttpError, httpErrors } from './errors.js';

/** The body of an interaction callback: its type and data. */
export interface InteractionResponse {
  type: number;
  data: Record<string, unknown>;
}

export interface InteractionRecord {
  id: string;
  token: string;
  /** InteractionType. */
  type: number;
  guildId?: string;
  channelId: string;
  userId: string;
  /** InteractionContextType: 0 a guild, 1 the user's DM with the bot, 2 another DM or group DM. */
  context?: number;
  /** authorizing_integration_owners as the interaction carried it; its reply's interaction_metadata repeats them. */
  authorizingOwners?: Record<string, string>;
  /** For commands and autocomplete: which command, and its name with the subcommand invoked ("faq add"). */
  command?: { name: string; type: number; invoked: string };
  /** Date.now() when it was made; the deadline counts from here. */
  createdAt: number;
  /** The first accepted callback. */
  initialResponse?: InteractionResponse;
  /** Callbacks Discord refused, e.g. a second reply (40060) or a late one (10062). */
  refusedCallbacks: { type: number; status: number; code: number }[];
  /** Set when the deadline passed with no response: Discord shows "This interaction failed". */
  expired: boolean;
  /** The message a component sits on (what UPDATE_MESSAGE changes). */
  sourceMessageId?: string;
  /** The reply, or the updated message: what webhooks' @original means. */
  originalMessageId?: string;
  /** The modal shown in response, if any, so a submission can mirror it. */
  modal?: Record<string, unknown>;
}

interface Pending {
  timer: NodeJS.Timeout;
  resolve: (response: InteractionResponse) => void;
  reject: (error: Error) => void;
}

/** Past this many records, those whose token has expired are dropped. */
const PRUNE_ABOVE = 10_000;

/** Tracks every interaction sent and enforces Discord's rules for answering it. */
export class InteractionLedger {
  private readonly records = new Map<string, InteractionRecord>();
  private readonly byTokenIndex = new Map<string, InteractionRecord>();
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly deadlineMs: number,
    private readonly tokenTtlMs: number,
    private readonly onExpired: (record: InteractionRecord) => void,
  ) {}

  /**
   * Starts tracking an interaction. `response` resolves with the first accepted callback, or
   * rejects once the deadline passes without one (or when the emulator closes).
   */
  open(fields: Omit<InteractionRecord, 'createdAt' | 'refusedCallbacks' | 'expired'>): {
    record: InteractionRecord;
    response: Promise<InteractionResponse>;
  } {
    if (this.records.size > PRUNE_ABOVE) this.prune();
    const record: InteractionRecord = { ...fields, createdAt: Date.now(), refusedCallbacks: [], expired: false };
    this.records.set(record.id, record);
    this.byTokenIndex.set(record.token, record);
    const response = new Promise<InteractionResponse>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(record.id);
        record.expired = true;
        this.onExpired(record);
        reject(
          new Error(
            `emulator: interaction ${record.id} got no response within ${this.deadlineMs} ms (Discord shows "This interaction failed")`,
          ),
        );
      }, this.deadlineMs);
      timer.unref();
      this.pending.set(record.id, { timer, resolve, reject });
    });
    // Callers that never await the response must not cause an unhandled rejection.
    response.catch(() => undefined);
    return { record, response };
  }

  private prune(): void {
    const cutoff = Date.now() - this.tokenTtlMs;
    for (const record of this.records.values()) {
      if (record.createdAt >= cutoff || this.pending.has(record.id)) continue;
      this.records.delete(record.id);
      this.byTokenIndex.delete(record.token);
    }
  }

  record(id: string): InteractionRecord | undefined {
    return this.records.get(id);
  }

  all(): InteractionRecord[] {
    return [...this.records.values()];
  }

  /** The interaction behind a webhook token, if the token is still valid (Discord: 15 minutes). */
  byToken(token: string): InteractionRecord {
    const record = this.byTokenIndex.get(token);
    if (!record) throw httpErrors.unknownWebhook();
    if (Date.now() - record.createdAt > this.tokenTtlMs) throw httpErrors.invalidWebhookToken();
    return record;
  }

  /**
   * Accepts the first response; a second gets 40060 and a late or unknown one 10062, as on Discord.
   * `validate` runs between those checks and the acceptance: a body Discord refuses acknowledges nothing.
   */
  acknowledge(
    id: string,
    token: string,
    response: InteractionResponse,
    validate: (record: InteractionRecord) => void = () => undefined,
  ): InteractionRecord {
    const record = this.records.get(id);
    if (!record || record.token !== token) throw httpErrors.unknownInteraction();
    const refuse = (error: DiscordHttpError) => {
      record.refusedCallbacks.push({ type: response.type, status: error.status, code: error.code });
      return error;
    };
    if (record.initialResponse) throw refuse(httpErrors.alreadyAcknowledged());
    if (record.expired || Date.now() - record.createdAt > this.deadlineMs) throw refuse(httpErrors.unknownInteraction());
    validate(record);
    record.initialResponse = response;
    return record;
  }

  /** Resolves the interaction's `response` promise; called once the callback has taken effect. */
  settle(record: InteractionRecord): void {
    const pending = this.pending.get(record.id);
    if (!pending || !record.initialResponse) return;
    clearTimeout(pending.timer);
    this.pending.delete(record.id);
    pending.resolve(record.initialResponse);
  }

  /** Rejects the interaction's `response` at once, e.g. when no client could receive it. */
  fail(record: InteractionRecord, reason: string): void {
    const pending = this.pending.get(record.id);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending.delete(record.id);
    record.expired = true;
    pending.reject(new Error(`emulator: interaction ${record.id} failed: ${reason}`));
  }

  /** Ends every wait; the emulator is shutting down. */
  close(): void {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new Error(`emulator: closed before interaction ${id} got a response`));
    }
    this.pending.clear();
  }
}

import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../worker-spawn.js';
import type { BackgroundRecord, WriterReply, WriterRequest } from './record-writer-protocol.js';

/** A write the thread could not make, with SQLite's code for `writeFault`. */
class RecordWriteError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'RecordWriteError';
  }
}

type Pending = { resolve: () => void; reject: (error: Error) => void };

/**
 * Writes best-effort records (what the bot could not answer) on a thread of its own, started on first
 * use, so a commit's fsync (a few milliseconds, more on a busy disk) never delays the next interaction.
 * Each record is committed as soon as the thread gets to it, durably; if the thread dies, the writes in
 * flight fail and the next write starts another.
 */
export class RecordWriter {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly file: string) {}

  write(record: BackgroundRecord): Promise<void> {
    return this.request({ id: this.nextId++, record });
  }

  /** Resolves once every write handed over so far is committed or has failed. */
  async settled(): Promise<void> {
    await Promise.allSettled(this.inFlight);
  }

  /** The thread's connection refuses changes (or takes them again), as `PRAGMA query_only` does. */
  refuseWrites(on: boolean): Promise<void> {
    return this.request({ id: this.nextId++, refuseWrites: on });
  }

  async close(): Promise<void> {
    await this.settled();
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private request(request: WriterRequest): Promise<void> {
    const written = new Promise<void>((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject });
      this.thread().postMessage(request);
    });
    this.inFlight.add(written);
    const forget = () => this.inFlight.delete(written);
    written.then(forget, forget);
    return written;
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = spawnWorker(import.meta.url, 'record-writer-thread', { workerData: { file: this.file } });
    // Pending writes keep nothing alive: `close` waits for them.
    worker.unref();
    worker.on('message', (reply: WriterReply) => {
      const pending = this.pending.get(reply.id);
      if (!pending) return;
      this.pending.delete(reply.id);
      if (reply.error) pending.reject(new RecordWriteError(reply.error.message, reply.error.code));
      else pending.resolve();
    });
    const fail = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      for (const pending of this.pending.values()) pending.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new RecordWriteError(`the record writer's thread stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}

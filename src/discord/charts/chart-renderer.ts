import type { Worker } from 'node:worker_threads';
import type { DayStats } from '../../curation/stats.js';
import { spawnWorker } from '../../worker-spawn.js';

export interface ChartRequest {
  id: number;
  days: DayStats[];
}

export type ChartReply = { id: number; png: Uint8Array } | { id: number; error: string };

const CHART_LIMITS = {
  /** A render that takes longer than this (a stuck thread) fails, and the thread is replaced. */
  renderTimeoutMs: 10_000,
  /** The thread (with chart.js and the canvas library loaded) ends after this long unused. */
  idleMs: 60_000,
};

type Pending = { resolve: (png: Buffer) => void; reject: (error: Error) => void; timer: NodeJS.Timeout };

/**
 * Draws charts in a worker thread: one render holds a thread for tens of milliseconds, too long for the
 * event loop that answers interactions. The thread starts on first use (the bot starts without chart.js
 * and the canvas library) and ends when unused for a while; if it fails, the renders in flight fail and
 * the next one starts another.
 */
export class ChartRenderer {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(private readonly limits = CHART_LIMITS) {}

  /** A PNG of questions per day, stacked by outcome. */
  questionsPerDay(days: readonly DayStats[]): Promise<Buffer> {
    const worker = this.started();
    const id = this.nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(
        () => this.fail(new Error(`chart: no render after ${this.limits.renderTimeoutMs} ms`)),
        this.limits.renderTimeoutMs,
      );
      timer.unref();
      this.pending.set(id, { resolve, reject, timer });
      const request: ChartRequest = { id, days: [...days] };
      worker.postMessage(request);
    });
  }

  /** Ends the thread; renders in flight fail. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.fail(new Error('chart: renderer closed'));
    await worker?.terminate();
  }

  private started(): Worker {
    clearTimeout(this.idleTimer);
    if (this.worker) return this.worker;
    const worker = spawnWorker(import.meta.url, 'chart-thread');
    // Renders in flight are awaited by their interactions; the thread itself never keeps the process alive.
    worker.unref();
    worker.on('message', (reply: ChartReply) => this.settle(reply));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.fail(new Error(`chart: worker thread exited with code ${code}`));
    });
    this.worker = worker;
    return worker;
  }

  private settle(reply: ChartReply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    clearTimeout(pending.timer);
    if ('png' in reply) pending.resolve(Buffer.from(reply.png.buffer, reply.png.byteOffset, reply.png.byteLength));
    else pending.reject(new Error(`chart: ${reply.error}`));
    if (this.pending.size === 0) this.idleLater();
  }

  /** Fails every render in flight and lets the thread go; the next render starts a new one. */
  private fail(error: Error): void {
    const worker = this.worker;
    this.worker = undefined;
    clearTimeout(this.idleTimer);
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.pending.clear();
    void worker?.terminate();
  }

  private idleLater(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      const worker = this.worker;
      this.worker = undefined;
      void worker?.terminate();
    }, this.limits.idleMs);
    this.idleTimer.unref();
  }
}

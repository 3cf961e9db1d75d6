/**
 * The record writer's thread: its own connection to the store, so the commit of a best-effort
 * record (and its fsync) never holds the bot's event loop. Records that arrive while a commit is
 * under way are written together in the next one.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AskLogStore } from './ask-log.js';
import { openConnection } from './database.js';
import type { BackgroundRecord, WriterReply, WriterRequest } from './record-writer-protocol.js';
import { UnansweredStore } from './unanswered.js';

const port = parentPort!;
const db = openConnection((workerData as { file: string }).file);
const unanswered = new UnansweredStore(db);
const askLog = new AskLogStore(db);

function write(record: BackgroundRecord): void {
  const { guildId, question, outcome, entryId, askedBy, at } = record;
  if (outcome === 'answered') {
    askLog.record(guildId, { outcome, entryId }, at);
  } else {
    askLog.record(guildId, { outcome, unansweredId: unanswered.record(guildId, question, outcome, askedBy, at) }, at);
  }
}

function failure(id: number, error: unknown): WriterReply {
  const { message, code } = error as { message?: string; code?: unknown };
  return { id, error: { message: String(message ?? error), ...(typeof code === 'string' ? { code } : {}) } };
}

let queued: { id: number; record: BackgroundRecord }[] = [];

function commitQueued(): void {
  const batch = queued;
  queued = [];
  try {
    db.transaction(() => {
      for (const { record } of batch) write(record);
    }).immediate();
    for (const { id } of batch) port.postMessage({ id } satisfies WriterReply);
  } catch {
    // One record that cannot be written must not cost the others theirs: each on its own.
    for (const { id, record } of batch) {
      try {
        db.transaction(write).immediate(record);
        port.postMessage({ id } satisfies WriterReply);
      } catch (error) {
        port.postMessage(failure(id, error));
      }
    }
  }
}

port.on('message', (request: WriterRequest) => {
  if ('refuseWrites' in request) {
    db.pragma(`query_only = ${request.refuseWrites ? 'ON' : 'OFF'}`);
    port.postMessage({ id: request.id } satisfies WriterReply);
    return;
  }
  if (queued.length === 0) setImmediate(commitQueued);
  queued.push(request);
});

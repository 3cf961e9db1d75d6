/**
 * The worker thread behind ChartRenderer: draws charts away from the event loop (one render takes tens of
 * milliseconds). Each request gets one reply: the PNG's bytes, or the error's message.
 */
import { parentPort } from 'node:worker_threads';
import type { ChartReply, ChartRequest } from './chart-renderer.js';
import { drawQuestionsPerDay } from './questions-per-day.js';

parentPort?.on('message', (request: ChartRequest) => {
  let reply: ChartReply;
  try {
    const png = drawQuestionsPerDay(request.days);
    const bytes = new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
    reply = { id: request.id, png: bytes };
    parentPort?.postMessage(reply);
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
    parentPort?.postMessage(reply);
  }
});

import { afterAll, describe, expect, it } from 'vitest';
import type { DayStats } from '../../src/curation/stats.js';
import { ChartRenderer } from '../../src/discord/charts/chart-renderer.js';

const renderer = new ChartRenderer();
afterAll(async () => {
  await renderer.close();
});

const days: DayStats[] = Array.from({ length: 30 }, (_, index) => ({
  day: new Date(Date.UTC(2026, 10, 5 + index)).toISOString().slice(0, 10),
  answered: index % 5,
  unsure: index % 3,
  outOfScope: index % 2,
}));

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('ChartRenderer', () => {
  it('draws questions per day as a PNG in its worker thread, again after being closed', async () => {
    const png = await renderer.questionsPerDay(days);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(pngSize(png)).toEqual({ width: 1080, height: 480 });
    // Not a blank canvas: bars, axes and labels make it far larger than an empty white PNG.
    const empty = await renderer.questionsPerDay(days.map((day) => ({ ...day, answered: 0, unsure: 0, outOfScope: 0 })));
    expect(png.length).toBeGreaterThan(empty.length);
    await renderer.close();
    expect(pngSize(await renderer.questionsPerDay(days.slice(-7)))).toEqual({ width: 1080, height: 480 });
  });

  it('fails a render the thread does not finish in time, rather than waiting for ever', async () => {
    const impatient = new ChartRenderer({ renderTimeoutMs: 1, idleMs: 60_000 });
    try {
      await expect(impatient.questionsPerDay(days)).rejects.toThrow(/chart: no render after 1 ms/);
    } finally {
      await impatient.close();
    }
  });
});

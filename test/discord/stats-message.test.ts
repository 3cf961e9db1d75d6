import { describe, expect, it } from 'vitest';
import type { ServerStats, WindowStats } from '../../src/curation/stats.js';
import { statsMessage } from '../../src/discord/curation/stats.js';
import { DISCORD_LIMITS } from '../../src/discord/limits.js';

const long = `Does ${'a very long company name '.repeat(20)}use Kafka?`;

function window(days: number): WindowStats {
  const rows = Array.from({ length: 5 }, (_, index) => index);
  return {
    days,
    since: 0,
    asked: 123_456,
    counts: { answered: 100_000, unsure: 20_000, outOfScope: 3_456 },
    shares: { answered: 100_000 / 123_456, unsure: 20_000 / 123_456, outOfScope: 3_456 / 123_456 },
    mostAsked: rows.map((index) => ({ entryId: `q:${'x'.repeat(200)}${index}`, question: index % 2 ? long : null, count: 99_999 })),
    mostHelpful: rows.map((index) => ({ entryId: `e${index}`, question: long, helpful: 9_999, notHelpful: 9_998 })),
    leastHelpful: rows.map((index) => ({ entryId: `e${index}`, question: long, helpful: 9_998, notHelpful: 9_999 })),
    unanswered: rows.map(() => ({ question: long, wordings: 50, askCount: 99_999 })),
  };
}

describe('statsMessage', () => {
  it("fits Discord's embed limits at its fullest, and shows the chart in the 30-day embed", () => {
    const stats: ServerStats = { windows: [window(7), window(30)], daily: [] };
    const message = statsMessage(stats, 'questions-per-day.png');
    expect(message.allowedMentions).toEqual({ parse: [] });
    let total = 0;
    for (const embed of message.embeds) {
      total += (embed.title ?? '').length + (embed.description ?? '').length + (embed.footer?.text ?? '').length;
      for (const field of embed.fields ?? []) {
        expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedFieldValue);
        total += field.name.length + field.value.length;
      }
    }
    // Discord's limit for all the embeds of one message together.
    expect(total).toBeLessThanOrEqual(6000);
    expect(message.embeds.map((embed) => embed.image?.url)).toEqual([undefined, 'attachment://questions-per-day.png']);
    expect(message.embeds[0]!.description).toBe(
      '**123456 questions** asked: **100000** answered (81%), **20000** unsure (16%), **3456** out of scope (3%)',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { CustomIdError, decodeButtonId, encodeButtonId } from '../../src/discord/custom-id.js';

describe('button custom_ids', () => {
  it('round-trip every action with curated and derived entry ids', () => {
    for (const action of ['open', 'post', 'up', 'down'] as const) {
      for (const entryId of ['netflix-uses-apache-spark', 'd:uses:netflix:apache-kafka', 'd:stack:stack-overflow']) {
        const customId = encodeButtonId({ action, entryId });
        expect(customId.length).toBeLessThanOrEqual(100);
        expect(customId.startsWith('sw1:')).toBe(true);
        expect(decodeButtonId(customId)).toEqual({ action, entryId });
      }
    }
  });

  it.each(['', 'hello', 'sw0:o:netflix', 'sw1:x:netflix', 'sw1:o:', 'sw1:o:../../etc', 'sw1:o:DROP TABLE', `sw1:o:${'a'.repeat(120)}`])(
    'refuses forged or malformed %j',
    (customId) => {
      expect(() => decodeButtonId(customId)).toThrow(CustomIdError);
    },
  );
});

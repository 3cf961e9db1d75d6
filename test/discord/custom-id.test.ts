import { describe, expect, it } from 'vitest';
import { type CustomId, decodeCustomId, encodeCustomId } from '../../src/discord/custom-id.js';

describe('custom_ids', () => {
  it('round-trip answer buttons with curated and derived entry ids', () => {
    for (const action of ['open', 'post', 'up', 'down'] as const) {
      for (const entryId of ['netflix-uses-apache-spark', 'd:uses:netflix:apache-kafka', 'd:stack:stack-overflow']) {
        const customId = encodeCustomId({ action, entryId })!;
        expect(customId.length).toBeLessThanOrEqual(100);
        expect(customId.startsWith('sw1:')).toBe(true);
        expect(decodeCustomId(customId)).toEqual({ action, entryId });
      }
    }
  });

  it('round-trip every curation action with its named fields, including entry ids with colons', () => {
    const ids: CustomId[] = [
      { action: 'edit', entryId: 'd:uses:netflix:apache-spark' },
      { action: 'confirmRemove', revision: 3, entryId: 's-why-abc' },
      { action: 'keep' },
      { action: 'undo', revision: 4, entryId: 's-why-abc' },
      { action: 'restore', revision: 2, current: 5, entryId: 'd:uses:netflix:apache-spark' },
      { action: 'queueCreate', rowId: 7 },
      { action: 'queuePhrasing', rowId: 7 },
      { action: 'queuePhrasingTo', rowId: 7, entryId: 'netflix-database' },
      { action: 'queueDismiss', rowId: 7 },
      { action: 'importConfirm', importId: '0123456789ab' },
      { action: 'importCancel', importId: '0123456789ab' },
      { action: 'addModal' },
      { action: 'addModal', rowId: 42 },
      { action: 'editModal', revision: 1, entryId: 's-why-abc' },
    ];
    for (const id of ids) expect(decodeCustomId(encodeCustomId(id)!), JSON.stringify(id)).toEqual(id);
    expect(decodeCustomId('sw1:fk')).toEqual({ action: 'keep' });
  });

  it.each([
    '',
    'hello',
    'sw0:o:netflix',
    'sw1:x:netflix',
    'sw1:o:',
    'sw1:o:../../etc',
    'sw1:o:DROP TABLE',
    `sw1:o:${'a'.repeat(120)}`,
    'sw1:fr:x:entry', // revision not a number
    'sw1:fr:1', // no entry
    'sw1:fr:1:BAD ID', // not an entry id
    'sw1:fh:1:entry', // restore needs two numbers
    'sw1:qd:1:extra', // dismiss takes no entry
    'sw1:ic:not-hex', // import ids are 12 hex digits
    'sw1:zz:1', // unknown action
    'sw2:fe:entry', // other version
    `sw1:fe:${'a'.repeat(120)}`, // too long
    'sw1:ma:-1',
  ])('refuses forged or malformed %j with undefined', (customId) => {
    expect(decodeCustomId(customId)).toBeUndefined();
  });

  it('refuses to encode what would not fit in a custom_id', () => {
    expect(encodeCustomId({ action: 'edit', entryId: 'a'.repeat(97) })).toBeUndefined();
    expect(encodeCustomId({ action: 'open', entryId: 'Not An Id' })).toBeUndefined();
  });
});

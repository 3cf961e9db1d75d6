import { describe, expect, it } from 'vitest';
import { decodeCurationId, encodeCurationId } from '../../src/discord/curation/custom-ids.js';

describe('curation custom_ids', () => {
  it('round-trip every action, including entry ids with colons', () => {
    expect(decodeCurationId(encodeCurationId('restore', [2, 5], 'd:uses:netflix:apache-spark')!)).toEqual({
      action: 'restore',
      numbers: [2, 5],
      id: 'd:uses:netflix:apache-spark',
    });
    expect(decodeCurationId(encodeCurationId('addModal')!)).toEqual({ action: 'addModal', numbers: [] });
    expect(decodeCurationId(encodeCurationId('addModal', [42])!)).toEqual({ action: 'addModal', numbers: [42] });
    expect(decodeCurationId(encodeCurationId('importConfirm', [], '0123456789ab')!)).toEqual({
      action: 'importConfirm',
      numbers: [],
      id: '0123456789ab',
    });
    expect(decodeCurationId('sw1:fk')).toEqual({ action: 'keep', numbers: [] });
  });

  it('reject forged or malformed ids', () => {
    for (const forged of [
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
    ]) {
      expect(decodeCurationId(forged), forged).toBeUndefined();
    }
  });

  it('refuse to encode what would not fit in a custom_id', () => {
    expect(encodeCurationId('edit', [], 'a'.repeat(97))).toBeUndefined();
  });
});

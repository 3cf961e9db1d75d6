/**
 * The one rule for entry ids, used by corpus files, bundles, the store and custom_ids.
 * Written entries (shipped files, server entries "s-…") have plain ids; entries derived from
 * company facts are named after their intent: "d:uses:netflix:apache-spark".
 */
export const WRITTEN_ENTRY_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const DERIVED_ENTRY_ID = /^d:[a-z]+(:[a-z0-9-]{1,64}){1,2}$/;
/** Answers built at query time from the facts name what they are about: "q:several:netflix:apache-kafka+apache-flink". */
const QUERY_ENTRY_ID = /^q:[a-z]+(:[a-z0-9+-]{1,80}){1,2}$/;

export function isEntryId(id: string): boolean {
  return WRITTEN_ENTRY_ID.test(id) || DERIVED_ENTRY_ID.test(id) || QUERY_ENTRY_ID.test(id);
}

export const ENTRY_ID_RULE = 'lowercase letters, digits and dashes, at most 64';

import { isEntryId } from '../corpus/entry-id.js';
import { DISCORD_LIMITS } from './limits.js';

/**
 * Every custom_id the bot makes: "sw1:<code>:<fields…>". A button or form carries everything its
 * handler needs, so it keeps working after a restart. The prefix is versioned so a future format can
 * tell old buttons apart. The entry id always comes last, because derived ids contain colons.
 * Decoding checks every part; a handler still checks the clicker's permissions, since a custom_id proves nothing.
 */
const CUSTOM_ID_PREFIX = 'sw1';

export type CustomId =
  // Answers: show an entry (related question), post an ephemeral answer, vote.
  | { action: 'open' | 'post' | 'up' | 'down'; entryId: string }
  // "That solved it" under an auto-answer in a help thread: the thread's author or a curator.
  | { action: 'solved' }
  // Curation buttons.
  | { action: 'edit'; entryId: string }
  | { action: 'confirmRemove' | 'undo'; revision: number; entryId: string }
  | { action: 'keep' | 'clearCuratorRole' }
  | { action: 'restore'; revision: number; current: number; entryId: string }
  | { action: 'queueCreate' | 'queuePhrasing' | 'queueDismiss'; rowId: number }
  | { action: 'queuePhrasingTo'; rowId: number; entryId: string }
  | { action: 'importConfirm' | 'importCancel'; importId: string }
  // Reopens a form that could not be saved, with the curator's text.
  | { action: 'retryForm'; draftId: string }
  // Curation forms: add (optionally from a queue row), edit (based on a revision).
  | { action: 'addModal'; rowId?: number }
  | { action: 'editModal'; revision: number; entryId: string };

type CustomIdAction = CustomId['action'];
export type AnswerButtonId = Extract<CustomId, { action: 'open' | 'post' | 'up' | 'down' }>;
export type CurationId = Exclude<CustomId, AnswerButtonId | { action: 'solved' }>;

type Field = 'revision' | 'current' | 'rowId' | 'optionalRowId' | 'entryId' | 'importId' | 'draftId';

/** Each action's code and the fields it carries, in order. */
const SHAPES: Record<CustomIdAction, { code: string; fields: readonly Field[] }> = {
  open: { code: 'o', fields: ['entryId'] },
  post: { code: 'p', fields: ['entryId'] },
  up: { code: 'u', fields: ['entryId'] },
  down: { code: 'd', fields: ['entryId'] },
  solved: { code: 'as', fields: [] },
  edit: { code: 'fe', fields: ['entryId'] },
  confirmRemove: { code: 'fr', fields: ['revision', 'entryId'] },
  keep: { code: 'fk', fields: [] },
  clearCuratorRole: { code: 'sc', fields: [] },
  undo: { code: 'fu', fields: ['revision', 'entryId'] },
  restore: { code: 'fh', fields: ['revision', 'current', 'entryId'] },
  queueCreate: { code: 'qa', fields: ['rowId'] },
  queuePhrasing: { code: 'qp', fields: ['rowId'] },
  queuePhrasingTo: { code: 'qe', fields: ['rowId', 'entryId'] },
  queueDismiss: { code: 'qd', fields: ['rowId'] },
  importConfirm: { code: 'ic', fields: ['importId'] },
  importCancel: { code: 'ix', fields: ['importId'] },
  retryForm: { code: 'fd', fields: ['draftId'] },
  addModal: { code: 'ma', fields: ['optionalRowId'] },
  editModal: { code: 'me', fields: ['revision', 'entryId'] },
};

const ACTION_BY_CODE = new Map(Object.entries(SHAPES).map(([action, shape]) => [shape.code, action as CustomIdAction]));
const ANSWER_ACTIONS: ReadonlySet<CustomIdAction> = new Set(['open', 'post', 'up', 'down']);
const NUMBER = /^(0|[1-9][0-9]{0,14})$/;
/** Ids the store makes for pending imports and form drafts. */
const STORE_ID = /^[0-9a-f]{12}$/;

export function isAnswerButton(id: CustomId): id is AnswerButtonId {
  return ANSWER_ACTIONS.has(id.action);
}

/** The custom_id, or undefined when it would not fit in Discord's 100 characters (the caller leaves that button out). */
export function encodeCustomId(id: CustomId): string | undefined {
  const values = id as unknown as Record<string, string | number | undefined>;
  const parts = [CUSTOM_ID_PREFIX, SHAPES[id.action].code];
  for (const field of SHAPES[id.action].fields) {
    const value = values[field === 'optionalRowId' ? 'rowId' : field];
    if (value === undefined) continue;
    if (field === 'entryId' && !isEntryId(String(value))) return undefined;
    parts.push(String(value));
  }
  const encoded = parts.join(':');
  return encoded.length <= DISCORD_LIMITS.customId ? encoded : undefined;
}

/** Parses a custom_id we made; undefined for anything else (forged, malformed, another version). */
export function decodeCustomId(customId: string): CustomId | undefined {
  if (customId.length > DISCORD_LIMITS.customId) return undefined;
  const [prefix, code, ...rest] = customId.split(':');
  const action = code === undefined ? undefined : ACTION_BY_CODE.get(code);
  if (prefix !== CUSTOM_ID_PREFIX || !action) return undefined;
  const decoded: Record<string, string | number> = { action };
  let index = 0;
  for (const field of SHAPES[action].fields) {
    if (field === 'entryId') {
      const entryId = rest.slice(index).join(':');
      if (!isEntryId(entryId)) return undefined;
      decoded.entryId = entryId;
      index = rest.length;
      continue;
    }
    const part = rest[index];
    if (field === 'optionalRowId' && part === undefined) continue;
    if (field === 'importId' || field === 'draftId') {
      if (part === undefined || !STORE_ID.test(part)) return undefined;
      decoded[field] = part;
    } else {
      if (part === undefined || !NUMBER.test(part)) return undefined;
      decoded[field === 'optionalRowId' ? 'rowId' : field] = Number(part);
    }
    index += 1;
  }
  return index === rest.length ? (decoded as unknown as CustomId) : undefined;
}

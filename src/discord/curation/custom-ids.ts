import { isEntryId } from '../../corpus/entry-id.js';
import { CUSTOM_ID_PREFIX } from '../custom-id.js';
import { DISCORD_LIMITS } from '../limits.js';

/**
 * custom_ids of curation buttons and modals: "sw1:<code>:<numbers…>:<entry id>". The entry id
 * comes last because derived ids contain colons. Every part is checked when decoded, and the
 * handler checks the clicker's permissions again: a custom_id proves nothing.
 */
const CURATION_CODES = {
  /** Open the edit form for an entry. */
  edit: 'fe',
  /** Confirm a removal: revision, entry. */
  confirmRemove: 'fr',
  /** Keep the entry after all. */
  keep: 'fk',
  /** Undo a removal: the removal's revision, entry. */
  undo: 'fu',
  /** Restore from history: revision to restore, current revision, entry. */
  restore: 'fh',
  /** Unanswered queue: create an entry from a question (row id). */
  queueCreate: 'qa',
  /** Unanswered queue: pick the entry to add a question to (row id). */
  queuePhrasing: 'qp',
  /** Unanswered queue: add the question (row id) as a phrasing of an entry. */
  queuePhrasingTo: 'qe',
  /** Unanswered queue: dismiss (row id). */
  queueDismiss: 'qd',
  /** Import: confirm or cancel (pending import id). */
  importConfirm: 'ic',
  importCancel: 'ix',
  /** Modals: add (optionally from a queue row), edit (base revision, entry). */
  addModal: 'ma',
  editModal: 'me',
} as const;

export type CurationAction = keyof typeof CURATION_CODES;

const ACTION_BY_CODE = new Map(Object.entries(CURATION_CODES).map(([action, code]) => [code as string, action as CurationAction]));
/** How many numbers each action carries, and whether an entry id or an import id ends it. */
const SHAPES: Record<CurationAction, { numbers: number; tail: 'entry' | 'import' | 'none' | 'optional-number' }> = {
  edit: { numbers: 0, tail: 'entry' },
  confirmRemove: { numbers: 1, tail: 'entry' },
  keep: { numbers: 0, tail: 'none' },
  undo: { numbers: 1, tail: 'entry' },
  restore: { numbers: 2, tail: 'entry' },
  queueCreate: { numbers: 1, tail: 'none' },
  queuePhrasing: { numbers: 1, tail: 'none' },
  queuePhrasingTo: { numbers: 1, tail: 'entry' },
  queueDismiss: { numbers: 1, tail: 'none' },
  importConfirm: { numbers: 0, tail: 'import' },
  importCancel: { numbers: 0, tail: 'import' },
  addModal: { numbers: 0, tail: 'optional-number' },
  editModal: { numbers: 1, tail: 'entry' },
};

const IMPORT_ID = /^[0-9a-f]{12}$/;
const NUMBER = /^(0|[1-9][0-9]{0,14})$/;

export interface CurationId {
  action: CurationAction;
  numbers: number[];
  /** Entry id or pending import id, per action. */
  id?: string;
}

export function isCurationCode(code: string | undefined): boolean {
  return code !== undefined && ACTION_BY_CODE.has(code);
}

/** Undefined when the id would not fit in a custom_id (e.g. a very long entry id). */
export function encodeCurationId(action: CurationAction, numbers: number[] = [], id?: string): string | undefined {
  const encoded = [CUSTOM_ID_PREFIX, CURATION_CODES[action], ...numbers.map(String), ...(id === undefined ? [] : [id])].join(':');
  return encoded.length <= DISCORD_LIMITS.customId ? encoded : undefined;
}

/** Parses a curation custom_id; undefined for anything malformed or forged. */
export function decodeCurationId(customId: string): CurationId | undefined {
  if (customId.length > DISCORD_LIMITS.customId) return undefined;
  const [prefix, code, ...rest] = customId.split(':');
  const action = code === undefined ? undefined : ACTION_BY_CODE.get(code);
  if (prefix !== CUSTOM_ID_PREFIX || !action) return undefined;
  const shape = SHAPES[action];
  const numberParts = rest.slice(0, shape.numbers);
  if (numberParts.length !== shape.numbers || !numberParts.every((part) => NUMBER.test(part))) return undefined;
  const numbers = numberParts.map(Number);
  const tail = rest.slice(shape.numbers).join(':');
  switch (shape.tail) {
    case 'none':
      return tail === '' ? { action, numbers } : undefined;
    case 'optional-number':
      if (tail === '') return { action, numbers };
      return NUMBER.test(tail) ? { action, numbers: [Number(tail)] } : undefined;
    case 'entry':
      return isEntryId(tail) ? { action, numbers, id: tail } : undefined;
    case 'import':
      return IMPORT_ID.test(tail) ? { action, numbers, id: tail } : undefined;
  }
}

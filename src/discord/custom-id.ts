import { isEntryId } from '../corpus/entry-id.js';
import { DISCORD_LIMITS } from './limits.js';

/**
 * Button custom_ids carry everything a click needs, so buttons keep working after a restart:
 * "sw1:<action>:<entry id>". The prefix is versioned so a future format can tell old buttons apart.
 */
export const CUSTOM_ID_PREFIX = 'sw1';

type ButtonAction =
  | 'open' // show an entry (related question, suggestion, stack category)
  | 'post' // post an ephemeral answer in the channel
  | 'up' // helpful
  | 'down'; // not helpful

const ACTION_CODES: Record<ButtonAction, string> = { open: 'o', post: 'p', up: 'u', down: 'd' };
const ACTIONS_BY_CODE = new Map(Object.entries(ACTION_CODES).map(([action, code]) => [code, action as ButtonAction]));

export interface ButtonId {
  action: ButtonAction;
  entryId: string;
}

export class CustomIdError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CustomIdError';
  }
}

export function encodeButtonId({ action, entryId }: ButtonId): string {
  const id = `${CUSTOM_ID_PREFIX}:${ACTION_CODES[action]}:${entryId}`;
  if (id.length > DISCORD_LIMITS.customId || !isEntryId(entryId)) {
    throw new CustomIdError(`custom_id: entry id "${entryId}" cannot be encoded`);
  }
  return id;
}

/** Parses a custom_id we made; throws CustomIdError for anything else (forged, malformed, other versions). */
export function decodeButtonId(customId: string): ButtonId {
  if (customId.length > DISCORD_LIMITS.customId) throw new CustomIdError('custom_id: too long');
  const [prefix, code, ...rest] = customId.split(':');
  if (prefix !== CUSTOM_ID_PREFIX) throw new CustomIdError(`custom_id: unknown prefix "${prefix ?? ''}"`);
  const action = ACTIONS_BY_CODE.get(code ?? '');
  if (!action) throw new CustomIdError(`custom_id: unknown action "${code ?? ''}"`);
  const entryId = rest.join(':');
  if (!isEntryId(entryId)) throw new CustomIdError('custom_id: malformed entry id');
  return { action, entryId };
}

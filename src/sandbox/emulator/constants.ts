import { GatewayIntentBits } from 'discord-api-types/v10';

/**
 * What the emulator needs beyond discord-api-types, which has Discord's enums, error codes and
 * permission bits: API versions, timings, WebSocket close codes and the size limits it enforces.
 */

export const API_VERSIONS = [9, 10] as const;

/** Discord's deadline for the first response to an interaction. */
export const INTERACTION_DEADLINE_MS = 3000;
/** How long an interaction token stays valid for follow-ups and edits. */
export const INTERACTION_TOKEN_TTL_MS = 15 * 60 * 1000;
/** What Discord sends in HELLO today. */
export const HEARTBEAT_INTERVAL_MS = 41_250;
/** How long a disconnected session may still be resumed. */
export const RESUME_WINDOW_MS = 5 * 60 * 1000;
/** Events kept per session so a resumed client can catch up. */
export const REPLAY_BUFFER_SIZE = 1000;

/** WebSocket's own close codes (RFC 6455): a client closing with these ends its session; Discord's 4xxx leave it resumable. */
export const WebSocketCloseCode = { Normal: 1000, GoingAway: 1001 } as const;

/** Intents an application must be granted in the developer portal. */
export const PRIVILEGED_INTENTS = GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;
/** Every intent bit Discord defines today (bits 0-25, with some gaps it ignores). */
export const ALL_INTENTS = (1 << 26) - 1;

/** Every permission bit Discord defines today; an owner or Administrator has them all. */
export const ALL_PERMISSIONS = (1n << 53n) - 1n;

/** Discord's size limits that the emulator enforces, answering 400 / 50035 as Discord does. */
export const Limit = {
  content: 2000,
  embeds: 10,
  embedTotal: 6000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooter: 2048,
  embedAuthor: 256,
  actionRows: 5,
  rowButtons: 5,
  customId: 100,
  buttonLabel: 80,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  modalTitle: 45,
  threadName: 100,
  commands: 100,
  commandName: 32,
  commandDescription: 100,
  commandOptions: 25,
  optionChoices: 25,
} as const;

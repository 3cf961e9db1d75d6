/** Discord's numbers the emulator speaks (https://discord.com/developers/docs). */

export const DISCORD_EPOCH = 1420070400000n;

export const GatewayOp = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  Resume: 6,
  Reconnect: 7,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;

export const InteractionType = { Ping: 1, ApplicationCommand: 2, MessageComponent: 3, Autocomplete: 4, ModalSubmit: 5 } as const;

export const CallbackType = {
  Reply: 4,
  DeferReply: 5,
  DeferUpdate: 6,
  Update: 7,
  Autocomplete: 8,
  Modal: 9,
} as const;

export const MessageFlag = { Ephemeral: 64 } as const;

export const DiscordErrorCode = {
  UnknownInteraction: 10062,
  UnknownMessage: 10008,
  AlreadyAcknowledged: 40060,
  Unauthorized: 0,
} as const;

/** Discord's deadline for the first response to an interaction. */
export const INTERACTION_DEADLINE_MS = 3000;
export const HEARTBEAT_INTERVAL_MS = 41_250;

/** Permission bits used by the seeds. */
export const Permission = {
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  ManageGuild: 1n << 5n,
  Administrator: 1n << 3n,
} as const;

let sequence = 0n;
/** A real snowflake: milliseconds since Discord's epoch, then a counter. */
export function snowflake(now = Date.now()): string {
  sequence = (sequence + 1n) & 0xfffn;
  return (((BigInt(now) - DISCORD_EPOCH) << 22n) | sequence).toString();
}

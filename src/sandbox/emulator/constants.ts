/** Discord's numbers the emulator speaks (https://discord.com/developers/docs). */

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

export const GatewayOp = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;

export const GatewayCloseCode = {
  /** A client closing with these ends its session; anything else leaves it resumable. */
  Normal: 1000,
  GoingAway: 1001,
  UnknownError: 4000,
  UnknownOpcode: 4001,
  DecodeError: 4002,
  NotAuthenticated: 4003,
  AuthenticationFailed: 4004,
  AlreadyAuthenticated: 4005,
  InvalidShard: 4010,
  InvalidApiVersion: 4012,
  InvalidIntents: 4013,
  DisallowedIntents: 4014,
} as const;

export const GatewayIntent = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildPresences: 1 << 8,
  GuildMessages: 1 << 9,
  MessageContent: 1 << 15,
} as const;

/** Intents an application must be granted in the developer portal. */
export const PRIVILEGED_INTENTS = GatewayIntent.GuildMembers | GatewayIntent.GuildPresences | GatewayIntent.MessageContent;
/** Every intent bit Discord defines today (bits 0-25, with some gaps it ignores). */
export const ALL_INTENTS = (1 << 26) - 1;

export const InteractionType = { Ping: 1, ApplicationCommand: 2, MessageComponent: 3, Autocomplete: 4, ModalSubmit: 5 } as const;

export const InteractionContextType = { Guild: 0, BotDm: 1, PrivateChannel: 2 } as const;
/** authorizing_integration_owners keys. */
export const ApplicationIntegrationType = { GuildInstall: 0, UserInstall: 1 } as const;

export const CallbackType = {
  Pong: 1,
  Reply: 4,
  DeferReply: 5,
  DeferUpdate: 6,
  Update: 7,
  Autocomplete: 8,
  Modal: 9,
} as const;

export const CommandType = { ChatInput: 1, User: 2, Message: 3 } as const;

export const OptionType = {
  Subcommand: 1,
  SubcommandGroup: 2,
  String: 3,
  Integer: 4,
  Boolean: 5,
  User: 6,
  Channel: 7,
  Role: 8,
  Mentionable: 9,
  Number: 10,
  Attachment: 11,
} as const;

export const ComponentType = {
  ActionRow: 1,
  Button: 2,
  StringSelect: 3,
  TextInput: 4,
  Label: 18,
} as const;

export const ChannelType = { GuildText: 0 } as const;

export const MessageType = { Default: 0, Reply: 19, ChatInputCommand: 20, ContextMenuCommand: 23 } as const;

export const MessageFlag = { SuppressEmbeds: 1 << 2, Ephemeral: 1 << 6, Loading: 1 << 7, SuppressNotifications: 1 << 12 } as const;

/** Discord's JSON error codes (the `code` in an error body). */
export const ErrorCode = {
  General: 0,
  UnknownApplication: 10002,
  UnknownChannel: 10003,
  UnknownGuild: 10004,
  UnknownMember: 10007,
  UnknownMessage: 10008,
  UnknownUser: 10013,
  UnknownWebhook: 10015,
  UnknownInteraction: 10062,
  UnknownApplicationCommand: 10063,
  CannotEditOtherUsersMessage: 50005,
  MissingPermissions: 50013,
  EmptyMessage: 50006,
  InvalidWebhookToken: 50027,
  InvalidFormBody: 50035,
  AlreadyAcknowledged: 40060,
} as const;

export const Permission = {
  Administrator: 1n << 3n,
  ManageGuild: 1n << 5n,
  AddReactions: 1n << 6n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  ManageMessages: 1n << 13n,
  UseExternalEmojis: 1n << 18n,
  UseApplicationCommands: 1n << 31n,
} as const;

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
  commands: 100,
  commandName: 32,
  commandDescription: 100,
  commandOptions: 25,
  optionChoices: 25,
} as const;

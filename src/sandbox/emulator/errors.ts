import { ErrorCode } from './constants.js';

/** An error the emulator answers the way Discord does: an HTTP status and {"message", "code"[, "errors"]}. */
export class DiscordHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    /** Field-level details, as in Discord's 50035 "Invalid Form Body". */
    readonly errors?: Record<string, unknown>,
  ) {
    super(message);
  }

  get body(): Record<string, unknown> {
    return { message: this.message, code: this.code, ...(this.errors ? { errors: this.errors } : {}) };
  }
}

export const httpErrors = {
  unauthorized: () => new DiscordHttpError(401, ErrorCode.General, '401: Unauthorized'),
  notFound: () => new DiscordHttpError(404, ErrorCode.General, '404: Not Found'),
  methodNotAllowed: () => new DiscordHttpError(405, ErrorCode.General, '405: Method Not Allowed'),
  unknownApplication: () => new DiscordHttpError(404, ErrorCode.UnknownApplication, 'Unknown Application'),
  missingPermissions: () => new DiscordHttpError(403, ErrorCode.MissingPermissions, 'Missing Permissions'),
  unknownChannel: () => new DiscordHttpError(404, ErrorCode.UnknownChannel, 'Unknown Channel'),
  unknownGuild: () => new DiscordHttpError(404, ErrorCode.UnknownGuild, 'Unknown Guild'),
  unknownMember: () => new DiscordHttpError(404, ErrorCode.UnknownMember, 'Unknown Member'),
  unknownMessage: () => new DiscordHttpError(404, ErrorCode.UnknownMessage, 'Unknown Message'),
  unknownUser: () => new DiscordHttpError(404, ErrorCode.UnknownUser, 'Unknown User'),
  unknownWebhook: () => new DiscordHttpError(404, ErrorCode.UnknownWebhook, 'Unknown Webhook'),
  unknownInteraction: () => new DiscordHttpError(404, ErrorCode.UnknownInteraction, 'Unknown interaction'),
  unknownCommand: () => new DiscordHttpError(404, ErrorCode.UnknownApplicationCommand, 'Unknown application command'),
  alreadyAcknowledged: () => new DiscordHttpError(400, ErrorCode.AlreadyAcknowledged, 'Interaction has already been acknowledged.'),
  invalidWebhookToken: () => new DiscordHttpError(401, ErrorCode.InvalidWebhookToken, 'Invalid Webhook Token'),
  emptyMessage: () => new DiscordHttpError(400, ErrorCode.EmptyMessage, 'Cannot send an empty message'),
  cannotEditOthersMessage: () =>
    new DiscordHttpError(403, ErrorCode.CannotEditOtherUsersMessage, 'Cannot edit a message authored by another user'),
  badJson: () => new DiscordHttpError(400, ErrorCode.General, '400: Bad Request'),
  tooLarge: () => new DiscordHttpError(413, ErrorCode.General, 'Request entity too large'),
};

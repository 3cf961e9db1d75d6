import { RESTJSONErrorCodes } from 'discord-api-types/v10';

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
  unauthorized: () => new DiscordHttpError(401, RESTJSONErrorCodes.GeneralError, '401: Unauthorized'),
  notFound: () => new DiscordHttpError(404, RESTJSONErrorCodes.GeneralError, '404: Not Found'),
  methodNotAllowed: () => new DiscordHttpError(405, RESTJSONErrorCodes.GeneralError, '405: Method Not Allowed'),
  unknownApplication: () => new DiscordHttpError(404, RESTJSONErrorCodes.UnknownApplication, 'Unknown Application'),
  missingAccess: () => new DiscordHttpError(403, RESTJSONErrorCodes.MissingAccess, 'Missing Access'),
  missingPermissions: () => new DiscordHttpError(403, RESTJSONErrorCodes.MissingPermissions, 'Missing Permissions'),
  unknownChannel: () => new DiscordHttpError(404, RESTJSONErrorCodes.UnknownChannel, 'Unknown Channel'),
  unknownGuild: () => new DiscordHttpError(404, RESTJSONErrorCodes.UnknownGuild, 'Unknown Guild'),
  unknownMember: () => new DiscordHttpError(404, RESTJSONErrorCodes.UnknownMember, 'Unknown Member'),
  unknownMessage: () => new DiscordHttpError(404, RESTJSONErrorCodes.UnknownMessage, 'Unknown Message'),
  unknownUser: () => new DiscordHttpError(404, RESTJSONErrorCodes.UnknownUser, 'Unknown User'),
  unknownWebhook: () => new DiscordHttpError(404, RESTJSONErrorCodes.UnknownWebhook, 'Unknown Webhook'),
  unknownInteraction: () => new DiscordHttpError(404, RESTJSONErrorCodes.UnknownInteraction, 'Unknown interaction'),
  unknownCommand: () => new DiscordHttpError(404, RESTJSONErrorCodes.UnknownApplicationCommand, 'Unknown application command'),
  alreadyAcknowledged: () =>
    new DiscordHttpError(400, RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged, 'Interaction has already been acknowledged.'),
  invalidWebhookToken: () => new DiscordHttpError(401, RESTJSONErrorCodes.InvalidWebhookToken, 'Invalid Webhook Token'),
  emptyMessage: () => new DiscordHttpError(400, RESTJSONErrorCodes.CannotSendAnEmptyMessage, 'Cannot send an empty message'),
  cannotEditOthersMessage: () =>
    new DiscordHttpError(403, RESTJSONErrorCodes.CannotEditMessageAuthoredByAnotherUser, 'Cannot edit a message authored by another user'),
  wrongChannelType: () =>
    new DiscordHttpError(400, RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType, 'Cannot execute action on this channel type'),
  threadAlreadyCreated: () =>
    new DiscordHttpError(400, RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage, 'A thread has already been created for this message'),
  badJson: () => new DiscordHttpError(400, RESTJSONErrorCodes.GeneralError, '400: Bad Request'),
  tooLarge: () => new DiscordHttpError(413, RESTJSONErrorCodes.GeneralError, 'Request entity too large'),
};

import {
  type APIMessage,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
  RESTJSONErrorCodes,
} from 'discord-api-types/v10';
import { DiscordHttpError, httpErrors } from './errors.js';
import type { UploadedFile } from './http.js';
import type { InteractionLedger, InteractionRecord } from './ledger.js';
import { apiMessage, type EmulatedMessage, isEphemeral, type MessageBook } from './messages.js';
import type { EmulatorState } from './state.js';
import { validateAutocompleteChoices, validateMessageBody, validateModal } from './validate.js';

type Json = Record<string, unknown>;

/** What the emulator reports for each accepted initial response. */
export interface InteractionResponseEvent {
  interactionId: string;
  type: number;
  data: Json;
  /** The message it created or changed, if any. */
  message?: EmulatedMessage;
}

/** Which callback types each interaction type accepts. */
const ALLOWED_CALLBACKS: Record<number, number[]> = {
  [InteractionType.ApplicationCommand]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.Modal,
  ],
  [InteractionType.MessageComponent]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.DeferredMessageUpdate,
    InteractionResponseType.UpdateMessage,
    InteractionResponseType.Modal,
  ],
  [InteractionType.ApplicationCommandAutocomplete]: [InteractionResponseType.ApplicationCommandAutocompleteResult],
  [InteractionType.ModalSubmit]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.DeferredMessageUpdate,
    InteractionResponseType.UpdateMessage,
  ],
};

function invalidCallbackType(type: number): DiscordHttpError {
  return new DiscordHttpError(400, RESTJSONErrorCodes.InvalidFormBodyOrContentType, 'Invalid Form Body', {
    type: { _errors: [{ code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: `Interaction response type ${type} is not valid here.` }] },
  });
}

/**
 * The interaction side of the REST API: the initial callback, then the webhook that edits the
 * reply, sends follow-ups and deletes them. Discord's rules are applied here; the ledger keeps
 * the timing (first response only, within the deadline).
 */
export class InteractionResponder {
  constructor(
    private readonly state: EmulatorState,
    private readonly ledger: InteractionLedger,
    private readonly book: MessageBook,
    private readonly onResponse: (event: InteractionResponseEvent) => void,
  ) {}

  callback(interactionId: string, token: string, body: Json, files: UploadedFile[], withResponse: boolean): Json | undefined {
    const type = Number(body.type);
    const data = (body.data ?? {}) as Json;
    const record = this.ledger.acknowledge(interactionId, token, { type, data }, (found) => this.check(found, type, data, files));

    let message: EmulatedMessage | undefined;
    switch (type) {
      case InteractionResponseType.ChannelMessageWithSource:
      case InteractionResponseType.DeferredChannelMessageWithSource: {
        const loading = type === InteractionResponseType.DeferredChannelMessageWithSource;
        message = this.book.create(this.replyBase(record, isEphemeral(data.flags), loading), loading ? {} : data, files);
        record.originalMessageId = message.id;
        break;
      }
      case InteractionResponseType.DeferredMessageUpdate:
      case InteractionResponseType.UpdateMessage: {
        message = this.source(record);
        record.originalMessageId = message.id;
        if (type === InteractionResponseType.UpdateMessage) this.book.edit(message, data, files);
        break;
      }
      case InteractionResponseType.Modal:
        record.modal = data;
        break;
      default:
        break;
    }
    this.ledger.settle(record);
    this.onResponse({ interactionId, type, data, ...(message ? { message } : {}) });
    return withResponse ? this.callbackResponse(record, type, message) : undefined;
  }

  /** Refuses what Discord would, before anything is acknowledged. */
  private check(record: InteractionRecord, type: number, data: Json, files: UploadedFile[]): void {
    if (!ALLOWED_CALLBACKS[record.type]?.includes(type)) throw invalidCallbackType(type);
    if (
      (type === InteractionResponseType.UpdateMessage || type === InteractionResponseType.DeferredMessageUpdate) &&
      !record.sourceMessageId
    )
      throw invalidCallbackType(type);
    if (type === InteractionResponseType.ChannelMessageWithSource) validateMessageBody(data, { creating: true, fileCount: files.length });
    if (type === InteractionResponseType.UpdateMessage) validateMessageBody(data, { creating: false });
    if (type === InteractionResponseType.ApplicationCommandAutocompleteResult) validateAutocompleteChoices(data);
    if (type === InteractionResponseType.Modal) validateModal(data);
  }

  /** The InteractionCallbackResponse Discord returns for ?with_response=true. */
  private callbackResponse(record: InteractionRecord, type: number, message: EmulatedMessage | undefined): Json {
    const hasMessage = message && type !== InteractionResponseType.DeferredMessageUpdate;
    return {
      interaction: {
        id: record.id,
        type: record.type,
        ...(hasMessage
          ? {
              response_message_id: message.id,
              response_message_loading: (message.flags & MessageFlags.Loading) !== 0,
              response_message_ephemeral: Boolean(message.visibleTo),
            }
          : {}),
      },
      resource: { type, ...(hasMessage ? { message: apiMessage(message) } : {}) },
    };
  }

  webhookMessage(applicationId: string, token: string, messageId: string): APIMessage {
    return apiMessage(this.webhookTarget(applicationId, token, messageId).message);
  }

  editWebhookMessage(applicationId: string, token: string, messageId: string, body: Json, files: UploadedFile[]): APIMessage {
    const { message } = this.webhookTarget(applicationId, token, messageId);
    const loading = (message.flags & MessageFlags.Loading) !== 0;
    // Editing a deferred reply is its first real content, so it must not be empty.
    validateMessageBody(loading ? { ...apiMessage(message), ...body } : body, { creating: loading, fileCount: files.length });
    message.flags &= ~MessageFlags.Loading;
    return apiMessage(this.book.edit(message, body, files));
  }

  deleteWebhookMessage(applicationId: string, token: string, messageId: string): undefined {
    this.book.delete(this.webhookTarget(applicationId, token, messageId).message);
    return undefined;
  }

  /**
   * A follow-up. As on Discord, the first one after a deferred reply fills in the "thinking"
   * message, keeping the defer's ephemerality whatever its flags say.
   */
  followUp(applicationId: string, token: string, body: Json, files: UploadedFile[]): APIMessage {
    const record = this.webhookRecord(applicationId, token);
    if (!record.initialResponse) throw httpErrors.unknownWebhook();
    validateMessageBody(body, { creating: true, fileCount: files.length });
    const original = record.originalMessageId ? this.book.get(record.originalMessageId) : undefined;
    if (
      record.initialResponse.type === InteractionResponseType.DeferredChannelMessageWithSource &&
      original &&
      original.flags & MessageFlags.Loading
    ) {
      original.flags &= ~MessageFlags.Loading;
      return apiMessage(this.book.edit(original, body, files));
    }
    const base = this.replyBase(record, isEphemeral(body.flags), false);
    return apiMessage(this.book.create(base, body, files));
  }

  private webhookRecord(applicationId: string, token: string): InteractionRecord {
    if (applicationId !== this.state.applicationId) throw httpErrors.unknownWebhook();
    return this.ledger.byToken(token);
  }

  /** @original, or a follow-up made through this token. */
  private webhookTarget(applicationId: string, token: string, messageId: string) {
    const record = this.webhookRecord(applicationId, token);
    const id = messageId === '@original' ? record.originalMessageId : messageId;
    const message = id ? this.book.get(id) : undefined;
    if (!message || (messageId !== '@original' && message.interactionId !== record.id)) throw httpErrors.unknownMessage();
    return { record, message };
  }

  private source(record: InteractionRecord): EmulatedMessage {
    const message = record.sourceMessageId ? this.book.get(record.sourceMessageId) : undefined;
    if (!message) throw httpErrors.unknownMessage();
    return message;
  }

  /** A message answering an interaction: in its channel, by the bot through the app's webhook. */
  private replyBase(
    record: InteractionRecord,
    ephemeral: boolean,
    loading: boolean,
  ): Pick<EmulatedMessage, 'channel_id'> & Partial<EmulatedMessage> {
    const user = this.state.user(record.userId)!;
    const command = record.type === InteractionType.ApplicationCommand ? record.command : undefined;
    const type = command
      ? command.type === ApplicationCommandType.ChatInput
        ? MessageType.ChatInputCommand
        : MessageType.ContextMenuCommand
      : MessageType.Reply;
    return {
      channel_id: record.channelId,
      ...(record.guildId ? { guild_id: record.guildId } : {}),
      flags: (ephemeral ? MessageFlags.Ephemeral : 0) | (loading ? MessageFlags.Loading : 0),
      type,
      application_id: this.state.applicationId,
      webhook_id: this.state.applicationId,
      interaction_metadata: {
        id: record.id,
        type: record.type,
        user: this.state.userPayload(user),
        authorizing_integration_owners:
          record.authorizingOwners ?? (record.guildId ? { [ApplicationIntegrationType.GuildInstall]: record.guildId } : {}),
        ...(command ? { name: command.name, command_type: command.type } : {}),
        ...(record.sourceMessageId ? { interacted_message_id: record.sourceMessageId } : {}),
        ...(record.originalMessageId ? { original_response_message_id: record.originalMessageId } : {}),
      },
      ...(command ? { interaction: { id: record.id, type: record.type, name: command.invoked, user: this.state.userPayload(user) } } : {}),
      ...(ephemeral ? { visibleTo: record.userId } : {}),
      interactionId: record.id,
    };
  }
}

import { ApplicationCommandOptionType, ApplicationCommandType, ComponentType, RESTJSONErrorCodes } from 'discord-api-types/v10';
import { Limit } from './constants.js';
import { DiscordHttpError, httpErrors } from './errors.js';

/**
 * Collects field errors the way Discord reports them in a 50035 "Invalid Form Body":
 * {"errors": {"embeds": {"0": {"title": {"_errors": [{"code", "message"}]}}}}}.
 */
class FormErrors {
  private readonly tree: Record<string, unknown> = {};
  private count = 0;

  add(path: (string | number)[], code: string, message: string): void {
    let node = this.tree;
    for (const key of path) {
      node[String(key)] ??= {};
      node = node[String(key)] as Record<string, unknown>;
    }
    node._errors ??= [];
    (node._errors as unknown[]).push({ code, message });
    this.count += 1;
  }

  maxLength(path: (string | number)[], value: unknown, max: number): void {
    if (typeof value === 'string' && [...value].length > max) this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
  }

  length(path: (string | number)[], value: unknown, min: number, max: number): void {
    const size = typeof value === 'string' ? [...value].length : -1;
    if (size < min || size > max) this.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
  }

  maxItems(path: (string | number)[], value: unknown, max: number): void {
    if (Array.isArray(value) && value.length > max) this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
  }

  throwIfAny(): void {
    if (this.count > 0) throw new DiscordHttpError(400, RESTJSONErrorCodes.InvalidFormBodyOrContentType, 'Invalid Form Body', this.tree);
  }
}

type Json = Record<string, unknown>;
const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function checkEmbeds(errors: FormErrors, embeds: unknown): void {
  errors.maxItems(['embeds'], embeds, Limit.embeds);
  let total = 0;
  list(embeds).forEach((embed, index) => {
    const at = ['embeds', index];
    errors.maxLength([...at, 'title'], embed.title, Limit.embedTitle);
    errors.maxLength([...at, 'description'], embed.description, Limit.embedDescription);
    const footer = (embed.footer ?? {}) as Json;
    const author = (embed.author ?? {}) as Json;
    errors.maxLength([...at, 'footer', 'text'], footer.text, Limit.embedFooter);
    errors.maxLength([...at, 'author', 'name'], author.name, Limit.embedAuthor);
    errors.maxItems([...at, 'fields'], embed.fields, Limit.embedFields);
    total += [embed.title, embed.description, footer.text, author.name].map((part) => [...text(part)].length).reduce((a, b) => a + b, 0);
    list(embed.fields).forEach((field, fieldIndex) => {
      errors.length([...at, 'fields', fieldIndex, 'name'], field.name, 1, Limit.embedFieldName);
      errors.length([...at, 'fields', fieldIndex, 'value'], field.value, 1, Limit.embedFieldValue);
      total += [...text(field.name)].length + [...text(field.value)].length;
    });
  });
  if (total > Limit.embedTotal)
    errors.add(['embeds'], 'MESSAGE_EMBED_TOTAL_TOO_LONG', `Embed size exceeds maximum size of ${Limit.embedTotal}`);
}

function checkComponents(errors: FormErrors, components: unknown): void {
  errors.maxItems(['components'], components, Limit.actionRows);
  const seen = new Set<string>();
  list(components).forEach((row, rowIndex) => {
    if (row.type !== ComponentType.ActionRow) return;
    const children = list(row.components);
    const at = ['components', rowIndex, 'components'];
    errors.maxItems(at, children, Limit.rowButtons);
    children.forEach((child, index) => {
      errors.maxLength([...at, index, 'label'], child.label, Limit.buttonLabel);
      if ('custom_id' in child) {
        const customId = text(child.custom_id);
        errors.length([...at, index, 'custom_id'], child.custom_id, 1, Limit.customId);
        if (seen.has(customId))
          errors.add([...at, index, 'custom_id'], 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
        seen.add(customId);
      }
    });
  });
}

/** A message body Discord would refuse: too long, too many embeds or components, or (when creating) empty. */
export function validateMessageBody(body: Json, { creating, fileCount = 0 }: { creating: boolean; fileCount?: number }): void {
  const errors = new FormErrors();
  errors.maxLength(['content'], body.content, Limit.content);
  if ('embeds' in body) checkEmbeds(errors, body.embeds);
  if ('components' in body) checkComponents(errors, body.components);
  errors.throwIfAny();
  const hasSomething =
    text(body.content).length > 0 ||
    list(body.embeds).length > 0 ||
    list(body.components).length > 0 ||
    fileCount > 0 ||
    'sticker_ids' in body ||
    'poll' in body;
  if (creating && !hasSomething) throw httpErrors.emptyMessage();
}

export function validateAutocompleteChoices(data: Json): void {
  const errors = new FormErrors();
  errors.maxItems(['data', 'choices'], data.choices, Limit.autocompleteChoices);
  list(data.choices).forEach((choice, index) => {
    errors.length(['data', 'choices', index, 'name'], choice.name, 1, Limit.choiceName);
    if (typeof choice.value === 'string') errors.length(['data', 'choices', index, 'value'], choice.value, 1, Limit.choiceValue);
  });
  errors.throwIfAny();
}

export function validateModal(data: Json): void {
  const errors = new FormErrors();
  errors.length(['data', 'title'], data.title, 1, Limit.modalTitle);
  errors.length(['data', 'custom_id'], data.custom_id, 1, Limit.customId);
  const components = list(data.components);
  if (components.length < 1 || components.length > 5)
    errors.add(['data', 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
  errors.throwIfAny();
}

const NAME = /^[-_'\p{L}\p{N}\p{M}]{1,32}$/u;

function checkOptions(errors: FormErrors, options: Json[], at: (string | number)[]): void {
  errors.maxItems(at, options, Limit.commandOptions);
  const names = new Set<string>();
  let sawOptional = false;
  options.forEach((option, index) => {
    const here = [...at, index];
    const name = text(option.name);
    if (!NAME.test(name) || name !== name.toLowerCase())
      errors.add([...here, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', `Command name is invalid`);
    if (names.has(name))
      errors.add([...here, 'name'], 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Command option names must be unique');
    names.add(name);
    errors.length([...here, 'description'], option.description, 1, Limit.commandDescription);
    errors.maxItems([...here, 'choices'], option.choices, Limit.optionChoices);
    if (option.autocomplete && list(option.choices).length > 0) {
      errors.add([...here, 'autocomplete'], 'APPLICATION_COMMAND_OPTIONS_AUTOCOMPLETE_CHOICES', 'Autocomplete cannot be set with choices');
    }
    const type = Number(option.type);
    if (type === ApplicationCommandOptionType.Subcommand || type === ApplicationCommandOptionType.SubcommandGroup) {
      checkOptions(errors, list(option.options), [...here, 'options']);
      return;
    }
    if (option.required && sawOptional)
      errors.add(
        [...here, 'required'],
        'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
        'Required options must be placed before non-required options',
      );
    if (!option.required) sawOptional = true;
  });
}

/** A bulk overwrite Discord would refuse: bad names, descriptions, option order, duplicates or too many. */
export function validateCommands(commands: Json[]): void {
  const errors = new FormErrors();
  if (commands.length > Limit.commands) errors.add([], 'BASE_TYPE_MAX_LENGTH', `Must be ${Limit.commands} or fewer in length.`);
  const seen = new Set<string>();
  commands.forEach((command, index) => {
    const type = Number(command.type ?? ApplicationCommandType.ChatInput);
    const name = text(command.name);
    if (type === ApplicationCommandType.ChatInput) {
      if (!NAME.test(name) || name !== name.toLowerCase())
        errors.add([index, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
      errors.length([index, 'description'], command.description, 1, Limit.commandDescription);
      checkOptions(errors, list(command.options), [index, 'options']);
    } else {
      errors.length([index, 'name'], command.name, 1, Limit.commandName);
    }
    const key = `${type}:${name}`;
    if (seen.has(key)) errors.add([index, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', `Application command names must be unique`);
    seen.add(key);
  });
  errors.throwIfAny();
}

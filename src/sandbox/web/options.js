// Command options in the sandbox composer, typed the way Discord's composer takes them:
// "/ask Does Netflix use Spark? private:true". The first text option takes what is typed first;
// every other option is "name:value". Values are checked against the option's type before sending.
import { ApplicationCommandOptionType as Type } from '/discord-constants.js';

const TYPE_NAMES = {
  [Type.String]: 'text',
  [Type.Integer]: 'whole number',
  [Type.Number]: 'number',
  [Type.Boolean]: 'True or False',
  [Type.User]: 'a person',
  [Type.Channel]: 'a channel',
  [Type.Role]: 'a role',
  [Type.Mentionable]: 'a person or role',
  [Type.Attachment]: 'a file',
};

export const typeName = (option) => (option.choices?.length ? 'one of its choices' : TYPE_NAMES[option.type]);

/** The option what is typed first fills: the first text option, as Discord focuses it first. */
export const leadingOption = (options) => options.find((option) => option.type === Type.String && option.required) ?? null;

/**
 * Splits what follows the command into the leading text and "name:value" parts for the command's options.
 * Returns { leading, given: [{ option, raw }], typing } where `typing` is the option whose value is being typed last.
 */
export function splitOptions(rest, options) {
  const names = options.filter((option) => option.type !== Type.Attachment).map((option) => option.name);
  if (names.length === 0) return { leading: rest, given: [], typing: null };
  const marker = new RegExp(`(^|\\s)(${names.map(escapeRegExp).join('|')}):`, 'g');
  const parts = [];
  let last = 0;
  let current = null;
  for (const match of rest.matchAll(marker)) {
    const start = match.index + match[1].length;
    parts.push({ name: current, text: rest.slice(last, match.index) });
    current = match[2];
    last = start + match[2].length + 1;
  }
  parts.push({ name: current, text: rest.slice(last) });
  const leading = parts[0].text.trim();
  const given = parts.slice(1).map((part) => ({ option: options.find((option) => option.name === part.name), raw: part.text.trim() }));
  // A value followed by a space is finished; "private:" or "private:Tr" is still being typed.
  const typing = current && !/\s$/.test(parts[parts.length - 1].text) ? options.find((option) => option.name === current) : null;
  return { leading, given, typing };
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The values a choice-like option offers, for the picker: [{ label, value }]. `guild` has users, roles and channels. */
export function valuesFor(option, guild) {
  if (option.choices?.length) return option.choices.map((choice) => ({ label: choice.name, value: choice.value }));
  switch (option.type) {
    case Type.Boolean:
      return [
        { label: 'True', value: true },
        { label: 'False', value: false },
      ];
    case Type.User:
      return guild.users.map((user) => ({ label: user.name, value: user.id }));
    case Type.Role:
      return guild.roles.map((role) => ({ label: role.name, value: role.id }));
    case Type.Channel:
      return guild.channels.map((channel) => ({ label: channel.name, value: channel.id }));
    case Type.Mentionable:
      return [...valuesFor({ type: Type.User }, guild), ...valuesFor({ type: Type.Role }, guild)];
    default:
      return [];
  }
}

/** A typed value as the option's type, or { error } naming the option and what it takes. */
function optionValue(option, raw, guild) {
  const fail = () => ({ error: `${option.name}: expected ${typeName(option)}, not "${raw}"` });
  const offered = valuesFor(option, guild);
  if (offered.length) {
    const wanted = raw.replace(/^[@#]/, '').toLowerCase();
    const found = offered.find((item) => item.label.toLowerCase() === wanted || String(item.value).toLowerCase() === wanted);
    return found ? { value: found.value } : fail();
  }
  if (option.type === Type.Integer || option.type === Type.Number) {
    const value = Number(raw);
    if (raw === '' || !Number.isFinite(value) || (option.type === Type.Integer && !Number.isInteger(value))) return fail();
    if (option.min_value !== undefined && value < option.min_value) return { error: `${option.name}: at least ${option.min_value}` };
    if (option.max_value !== undefined && value > option.max_value) return { error: `${option.name}: at most ${option.max_value}` };
    return { value };
  }
  if (option.min_length !== undefined && raw.length < option.min_length)
    return { error: `${option.name}: at least ${option.min_length} characters` };
  if (option.max_length !== undefined && raw.length > option.max_length)
    return { error: `${option.name}: at most ${option.max_length} characters` };
  return raw ? { value: raw } : fail();
}

/**
 * The options to send, or the problems a person must fix first (a missing required option is named,
 * as Discord's composer does). `file` is the chosen attachment, if any, for the attachment option.
 */
export function collectOptions(rest, options, guild, file, picked) {
  const { leading, given } = splitOptions(rest, options);
  const values = {};
  const problems = [];
  const lead = leadingOption(options);
  if (leading) {
    if (lead) values[lead.name] = picked ?? leading;
    else problems.push(`This command takes no text of its own; give its options as name:value.`);
  }
  for (const { option, raw } of given) {
    const result = optionValue(option, raw, guild);
    if (result.error) problems.push(result.error);
    else values[option.name] = result.value;
  }
  const attachment = options.find((option) => option.type === Type.Attachment);
  if (attachment && file) values[attachment.name] = file;
  const missing = options.filter((option) => option.required && !(option.name in values));
  if (missing.length)
    problems.push(
      `Missing ${missing.length === 1 ? 'a required option' : 'required options'}: ${missing.map((option) => option.name).join(', ')}`,
    );
  return { values, problems };
}

/** Discord's limits that shape our messages (https://discord.com/developers/docs). */
export const DISCORD_LIMITS = {
  embedTitle: 256,
  embedDescription: 4096,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooter: 2048,
  buttonLabel: 80,
  customId: 100,
  buttonsPerRow: 5,
  rowsPerMessage: 5,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  messageContent: 2000,
  modalTitle: 45,
  labelText: 45,
  labelDescription: 100,
  textInputValue: 4000,
  textInputPlaceholder: 100,
  embedsPerMessage: 10,
  /** An interaction must get its first response within this time. */
  interactionResponseMs: 3000,
} as const;

/** Shorten text to `max` characters at a word boundary, with an ellipsis when cut. */
export function cutAtWord(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const room = clean.slice(0, max - 1);
  const lastSpace = room.lastIndexOf(' ');
  return `${(lastSpace > max / 2 ? room.slice(0, lastSpace) : room).trimEnd()}…`;
}

/** Shorten markdown to `max` characters at a line or word boundary. */
export function cutMarkdown(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 2);
  const lastBreak = room.lastIndexOf('\n');
  const cut = lastBreak > max * 0.6 ? room.slice(0, lastBreak) : cutAtWord(room, max - 2).replace(/…$/, '');
  return `${cut.trimEnd()}\n…`;
}

import { type APIActionRowComponent, type APIButtonComponent, type APIEmbed, ButtonStyle, ComponentType } from 'discord.js';
import type { Citation, Entry } from '../corpus/types.js';
import type { AskResult, EntrySummary } from '../search/results.js';
import type { VoteTally } from '../store/votes.js';
import { type AnswerButtonId, encodeCustomId } from './custom-id.js';
import { cutAtWord, cutMarkdown, DISCORD_LIMITS } from './limits.js';

/** Turns engine results into Discord message payloads. Pure: no I/O, easy to test. */

export const NO_MENTIONS = { parse: [] as [] };
const EMBED_COLOR = 0x5865f2;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const EXAMPLE_QUESTIONS = [
  'Does Netflix use Apache Spark?',
  'Which database does Discord use?',
  'What tech stack does Shopify use?',
];

export interface MessagePayload {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowedMentions: typeof NO_MENTIONS;
  files?: { attachment: Buffer; name: string }[];
}

export type Row = APIActionRowComponent<APIButtonComponent>;

export function row(buttons: APIButtonComponent[]): Row {
  return { type: ComponentType.ActionRow, components: buttons.slice(0, DISCORD_LIMITS.buttonsPerRow) };
}

export function button(label: string, customId: string, style = ButtonStyle.Secondary, emoji?: string): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style,
    label: cutAtWord(label, DISCORD_LIMITS.buttonLabel),
    custom_id: customId,
    ...(emoji ? { emoji: { name: emoji } } : {}),
  } as APIButtonComponent;
}

/** A button for an answer action; none when the entry id cannot be carried in a custom_id. */
function answerButton(label: string, id: AnswerButtonId, style = ButtonStyle.Secondary, emoji?: string): APIButtonComponent[] {
  const customId = encodeCustomId(id);
  return customId ? [button(label, customId, style, emoji)] : [];
}

function questionButtons(questions: readonly EntrySummary[]): Row[] {
  const buttons = questions.flatMap((question) => answerButton(question.question, { action: 'open', entryId: question.id }));
  const rows: Row[] = [];
  for (let start = 0; start < buttons.length; start += DISCORD_LIMITS.buttonsPerRow) {
    rows.push(row(buttons.slice(start, start + DISCORD_LIMITS.buttonsPerRow)));
  }
  return rows;
}

/** "20 May 2026" from "2026-05-20". */
/** A moment as Discord shows it to each reader, in their own time zone and language (`<t:…:f>`). */
export function discordTime(epochMs: number): string {
  return `<t:${Math.floor(epochMs / 1000)}:f>`;
}

export function formatDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return `${day} ${MONTHS[(month ?? 1) - 1]} ${year}`;
}

export function formatTally({ helpful, notHelpful }: VoteTally): string {
  const total = helpful + notHelpful;
  if (total === 0) return 'No votes yet';
  return `${Math.round((100 * helpful) / total)}% helpful (${total} vote${total === 1 ? '' : 's'})`;
}

export function footerText(entry: Entry, tally: VoteTally): string {
  const parts = [
    entry.askedBy ? `Asked by ${entry.askedBy}` : entry.origin === 'derived' ? 'From company facts' : '',
    entry.updated ? `Updated ${formatDate(entry.updated)}` : '',
    entry.asOf && !entry.updated ? `As of ${entry.asOf}` : '',
    formatTally(tally),
  ].filter(Boolean);
  return cutAtWord(parts.join(' · '), DISCORD_LIMITS.embedFooter);
}

/** Masked-link text that cannot break out of its brackets. */
function linkText(text: string): string {
  return text.replace(/[[\]\\]/g, '\\$&');
}

/** "• [How Discord Stores Trillions of Messages](url), Discord blog, 2023", or "• <url>" when not recorded. */
function citationLine(citation: Citation): string {
  if (!citation.title) return `• <${citation.url}>`;
  return `• [${linkText(citation.title)}](${citation.url}), ${citation.publisher}, ${citation.year}`;
}

function sourcesField(citations: readonly Citation[]): APIEmbed['fields'] {
  if (citations.length === 0) return [];
  const lines: string[] = [];
  for (const citation of citations) {
    const line = citationLine(citation);
    if ([...lines, line].join('\n').length > DISCORD_LIMITS.embedFieldValue) break;
    lines.push(line);
  }
  return [{ name: 'Sources', value: lines.join('\n') }];
}

export interface AnswerView {
  entry: Entry;
  /** The entry's sources, titled where recorded. */
  citations: readonly Citation[];
  related: readonly EntrySummary[];
  tally: VoteTally;
  /** Shown only to the person who asked: gets a "Post in channel" button. */
  ephemeral: boolean;
  /** A line above the embed, e.g. why a stale button led here. */
  note?: string;
  /**
   * The reader's own vote, shown as a pressed button. Only on ephemeral answers: a channel message
   * shows the same buttons to everyone.
   */
  myVote?: 1 | -1 | null;
  /** An auto-answer in a help thread: a "That solved it" button, or once used, a disabled "Solved" one. */
  solved?: 'open' | 'done';
}

const SOLVED_BUTTON = { open: 'That solved it', done: 'Solved' } as const;

/** "That solved it", or the disabled button it becomes once used. */
export function solvedButton(state: 'open' | 'done'): APIButtonComponent {
  const made = button(SOLVED_BUTTON[state], encodeCustomId({ action: 'solved' })!, ButtonStyle.Success, '✅');
  return state === 'done' ? ({ ...made, disabled: true } as APIButtonComponent) : made;
}

export function renderAnswer({ entry, citations, related, tally, ephemeral, note, myVote, solved }: AnswerView): MessagePayload {
  const embed: APIEmbed = {
    title: cutAtWord(entry.question, DISCORD_LIMITS.embedTitle),
    description: cutMarkdown(entry.answer, DISCORD_LIMITS.embedDescription),
    color: EMBED_COLOR,
    fields: [
      ...(entry.fields ?? []).map(({ name, value }) => ({
        name: cutAtWord(name, DISCORD_LIMITS.embedFieldName),
        value: cutMarkdown(value, DISCORD_LIMITS.embedFieldValue),
        inline: true,
      })),
      ...(sourcesField(citations) ?? []),
    ],
    footer: { text: footerText(entry, tally) },
  };
  const pressed = ephemeral ? myVote : undefined;
  const actions = [
    ...answerButton(pressed === 1 ? 'Helpful ✓' : 'Helpful', { action: 'up', entryId: entry.id }, ButtonStyle.Success, '👍'),
    ...answerButton(
      pressed === -1 ? 'Not helpful ✓' : 'Not helpful',
      { action: 'down', entryId: entry.id },
      pressed === -1 ? ButtonStyle.Danger : ButtonStyle.Secondary,
      '👎',
    ),
  ];
  if (ephemeral) actions.push(...answerButton('Post in channel', { action: 'post', entryId: entry.id }, ButtonStyle.Primary));
  if (solved) actions.push(solvedButton(solved));
  const relatedRows = questionButtons(related.slice(0, 4));
  return {
    ...(note ? { content: note } : {}),
    embeds: [embed],
    components: [...relatedRows, row(actions)].slice(0, DISCORD_LIMITS.rowsPerMessage),
    allowedMentions: NO_MENTIONS,
  };
}

export function renderUnsure(result: AskResult): MessagePayload {
  const lines = [result.notice, "I'm not sure. Did you mean:"].filter(Boolean);
  if (result.alternatives.length === 0)
    lines[lines.length - 1] = "I'm not sure, and I found nothing close. Try naming a company or a technology.";
  return {
    content: lines.join('\n\n'),
    embeds: [],
    components: questionButtons(result.alternatives.slice(0, 4)),
    allowedMentions: NO_MENTIONS,
  };
}

export function renderOutOfScope(result: AskResult): MessagePayload {
  const intro = result.notice ?? "That's outside what I know: I answer questions about the technology companies use.";
  return {
    content: `${intro}\nTry: ${EXAMPLE_QUESTIONS.map((question) => `“${question}”`).join(' · ')}`,
    embeds: [],
    components: [],
    allowedMentions: NO_MENTIONS,
  };
}

/** A short, polite note for the person who clicked or typed; never a stack trace. */
export function renderNote(text: string, suggestions: readonly EntrySummary[] = []): MessagePayload {
  return { content: text, embeds: [], components: questionButtons(suggestions.slice(0, 4)), allowedMentions: NO_MENTIONS };
}

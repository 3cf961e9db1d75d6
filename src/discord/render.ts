import { type APIActionRowComponent, type APIButtonComponent, type APIEmbed, ButtonStyle, ComponentType } from 'discord.js';
import type { Citation, Entry } from '../corpus/types.js';
import { ENGLISH, isEnglish, type Translator } from '../i18n/index.js';
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

export function formatDate(isoDate: string, tr: Translator = ENGLISH): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  if (isEnglish(tr.locale)) return `${day} ${MONTHS[(month ?? 1) - 1]} ${year}`;
  const date = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1));
  return dateFormat(tr.locale).format(date);
}

/** One date format per locale, made once: an Intl formatter costs more to make than to use. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string): Intl.DateTimeFormat {
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    dateFormats.set(locale, format);
  }
  return format;
}

export function formatTally({ helpful, notHelpful }: VoteTally, tr: Translator = ENGLISH): string {
  const total = helpful + notHelpful;
  if (total === 0) return tr('tally.none');
  const percent = Math.round((100 * helpful) / total);
  return total === 1 ? tr('tally.one', { percent }) : tr('tally.many', { percent, count: total });
}

export function footerText(entry: Entry, tally: VoteTally, tr: Translator = ENGLISH): string {
  const parts = [
    // Corpus answers stay in English: a reader in another language is told so, once, first.
    isEnglish(tr.locale) ? '' : tr('answer.inEnglish'),
    entry.askedBy ? tr('answer.askedBy', { name: entry.askedBy }) : entry.origin === 'derived' ? tr('answer.fromFacts') : '',
    entry.updated ? tr('answer.updated', { date: formatDate(entry.updated, tr) }) : '',
    entry.asOf && !entry.updated ? tr('answer.asOf', { date: entry.asOf }) : '',
    formatTally(tally, tr),
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

function sourcesField(citations: readonly Citation[], tr: Translator): APIEmbed['fields'] {
  if (citations.length === 0) return [];
  const lines: string[] = [];
  for (const citation of citations) {
    const line = citationLine(citation);
    if ([...lines, line].join('\n').length > DISCORD_LIMITS.embedFieldValue) break;
    lines.push(line);
  }
  return [{ name: tr('answer.sources'), value: lines.join('\n') }];
}

export interface AnswerView {
  /** The reader's language (the server's for a post with no interaction); English when left out. */
  tr?: Translator;
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

const SOLVED_BUTTON = { open: 'answer.solvedOpen', done: 'answer.solvedDone' } as const;

/** "That solved it", or the disabled button it becomes once used. */
export function solvedButton(state: 'open' | 'done', tr: Translator = ENGLISH): APIButtonComponent {
  const made = button(tr(SOLVED_BUTTON[state]), encodeCustomId({ action: 'solved' })!, ButtonStyle.Success, '✅');
  return state === 'done' ? ({ ...made, disabled: true } as APIButtonComponent) : made;
}

export function renderAnswer({
  tr = ENGLISH,
  entry,
  citations,
  related,
  tally,
  ephemeral,
  note,
  myVote,
  solved,
}: AnswerView): MessagePayload {
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
      ...(sourcesField(citations, tr) ?? []),
    ],
    footer: { text: footerText(entry, tally, tr) },
  };
  const pressed = ephemeral ? myVote : undefined;
  const actions = [
    ...answerButton(
      tr(pressed === 1 ? 'answer.helpfulPressed' : 'answer.helpful'),
      { action: 'up', entryId: entry.id },
      ButtonStyle.Success,
      '👍',
    ),
    ...answerButton(
      tr(pressed === -1 ? 'answer.notHelpfulPressed' : 'answer.notHelpful'),
      { action: 'down', entryId: entry.id },
      pressed === -1 ? ButtonStyle.Danger : ButtonStyle.Secondary,
      '👎',
    ),
  ];
  if (ephemeral) actions.push(...answerButton(tr('answer.post'), { action: 'post', entryId: entry.id }, ButtonStyle.Primary));
  if (solved) actions.push(solvedButton(solved, tr));
  const relatedRows = questionButtons(related.slice(0, 4));
  return {
    ...(note ? { content: note } : {}),
    embeds: [embed],
    components: [...relatedRows, row(actions)].slice(0, DISCORD_LIMITS.rowsPerMessage),
    allowedMentions: NO_MENTIONS,
  };
}

export function renderUnsure(result: AskResult, tr: Translator = ENGLISH): MessagePayload {
  const lines = [result.notice, tr('unsure.didYouMean')].filter(Boolean);
  if (result.alternatives.length === 0) lines[lines.length - 1] = tr('unsure.nothingClose');
  return {
    content: lines.join('\n\n'),
    embeds: [],
    components: questionButtons(result.alternatives.slice(0, 4)),
    allowedMentions: NO_MENTIONS,
  };
}

export function renderOutOfScope(result: AskResult, tr: Translator = ENGLISH): MessagePayload {
  const intro = result.notice ?? tr('outOfScope.intro');
  const examples = EXAMPLE_QUESTIONS.map((question) => `“${question}”`).join(' · ');
  return {
    content: `${intro}\n${tr('outOfScope.try', { examples })}`,
    embeds: [],
    components: [],
    allowedMentions: NO_MENTIONS,
  };
}

/** A short, polite note for the person who clicked or typed; never a stack trace. */
export function renderNote(text: string, suggestions: readonly EntrySummary[] = []): MessagePayload {
  return { content: text, embeds: [], components: questionButtons(suggestions.slice(0, 4)), allowedMentions: NO_MENTIONS };
}

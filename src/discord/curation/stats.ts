import type { APIEmbed, APIEmbedField, ChatInputCommandInteraction } from 'discord.js';
import { type ServerStats, serverStatsSteps, type WindowStats } from '../../curation/stats.js';
import { ENGLISH, type Translator, translatorFor } from '../../i18n/index.js';
import { runInSlices } from '../../slices.js';
import type { BotContext } from '../context.js';
import { cutAtWord, DISCORD_LIMITS } from '../limits.js';
import { type MessagePayload, NO_MENTIONS } from '../render.js';
import { respond } from '../reply.js';

/** /faq stats: what this server asked over the last 7 and 30 days, with a chart of questions per day. */

const STATS_COLOR = 0x57f287;
/** The chart's file name, as the embed refers to it (`attachment://…`: ASCII letters, digits, dashes and dots). */
const STATS_CHART_FILE = 'questions-per-day.png';
/** Questions are cut to this length in the lists, so two windows of four lists fit an embed's 6,000 characters. */
const QUESTION_CHARS = 90;

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function summaryLine(window: WindowStats, tr: Translator): string {
  if (window.asked === 0) return tr('stats.none');
  const { counts, shares } = window;
  const asked = window.asked === 1 ? tr('stats.askedOne') : tr('stats.askedMany', { count: window.asked });
  const outcomes = tr('stats.outcomes', {
    answered: counts.answered,
    answeredShare: percent(shares.answered),
    unsure: counts.unsure,
    unsureShare: percent(shares.unsure),
    outOfScope: counts.outOfScope,
    outOfScopeShare: percent(shares.outOfScope),
  });
  return `${asked} ${outcomes}`;
}

/** A numbered list as an embed field; none when the list is empty. */
function listField(name: string, lines: string[]): APIEmbedField[] {
  if (lines.length === 0) return [];
  const value = lines.map((line, index) => `**${index + 1}.** ${line}`).join('\n');
  return [{ name, value: value.slice(0, DISCORD_LIMITS.embedFieldValue) }];
}

function windowEmbed(window: WindowStats, tr: Translator): APIEmbed {
  const question = (text: string) => cutAtWord(text, QUESTION_CHARS);
  const votes = (helpful: number, notHelpful: number) => `👍 ${helpful} · 👎 ${notHelpful}`;
  return {
    title: tr('stats.title', { days: window.days }),
    description: summaryLine(window, tr),
    color: STATS_COLOR,
    fields: [
      ...listField(
        tr('stats.mostAsked'),
        window.mostAsked.map(
          (row) =>
            `${row.question ? question(row.question) : `\`${cutAtWord(row.entryId, QUESTION_CHARS)}\` ${tr('stats.sinceRemoved')}`} · ${row.count}×`,
        ),
      ),
      ...listField(
        tr('stats.mostHelpful'),
        window.mostHelpful.map((row) => `${question(row.question)} · ${votes(row.helpful, row.notHelpful)}`),
      ),
      ...listField(
        tr('stats.leastHelpful'),
        window.leastHelpful.map((row) => `${question(row.question)} · ${votes(row.helpful, row.notHelpful)}`),
      ),
      ...listField(
        tr('stats.topUnanswered'),
        window.unanswered.map(
          (group) =>
            `${question(group.question)} · ${tr('stats.askedTimes', { count: group.askCount })}${group.wordings > 1 ? ` ${tr('stats.wordings', { count: group.wordings })}` : ''}`,
        ),
      ),
    ],
  };
}

/** One embed per window; the chart, when there is one, shows in the last (the longest window's). */
export function statsMessage(stats: ServerStats, chartFile?: string, tr: Translator = ENGLISH): MessagePayload {
  const embeds = stats.windows.map((window) => windowEmbed(window, tr));
  const last = embeds.at(-1);
  if (last) {
    if (chartFile) last.image = { url: `attachment://${chartFile}` };
    last.footer = { text: tr('stats.footer') };
  }
  return { content: '', embeds, components: [], allowedMentions: NO_MENTIONS };
}

export async function showStats(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  // The chart is drawn in a worker thread, which may first have to start: more than Discord's 3 s is unlikely, but possible.
  await interaction.deferReply({ flags: 'Ephemeral' });
  // Questions asked a moment ago may still be on their way to the store.
  await context.store.records.settled();
  // Read in slices: a busy server's month is thousands of rows, which must not hold the event loop.
  const stats = await runInSlices(serverStatsSteps(context.store, context.engine, interaction.guildId!));
  const askedInChart = stats.daily.some((day) => day.answered + day.unsure + day.outOfScope > 0);
  let chart: Buffer | undefined;
  if (askedInChart) {
    try {
      chart = await context.charts.questionsPerDay(stats.daily);
    } catch (error) {
      // The numbers still go out; the log says why the picture did not.
      context.logger.warn({ err: error }, 'could not draw the stats chart');
    }
  }
  const message = statsMessage(stats, chart ? STATS_CHART_FILE : undefined, translatorFor(interaction));
  await respond(interaction, chart ? { ...message, files: [{ attachment: chart, name: STATS_CHART_FILE }] } : message, {
    ephemeral: true,
  });
}

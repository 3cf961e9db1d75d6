import { type APIButtonComponent, type APIEmbed, ButtonStyle } from 'discord.js';
import { type ContentField, FIELD_LABELS } from '../../corpus/content.js';
import type { Entry, EntryContent } from '../../corpus/types.js';
import type { ImportAction } from '../../curation/import-export.js';
import { isoDate } from '../../curation/server-entry.js';
import type { UnansweredGroup } from '../../curation/unanswered-groups.js';
import { ENGLISH, type Translator } from '../../i18n/index.js';
import type { RevisionRecord, ServerEntryRecord } from '../../store/server-entries.js';
import { type CurationId, encodeCustomId } from '../custom-id.js';
import { cutAtWord, cutMarkdown, DISCORD_LIMITS } from '../limits.js';
import { button, discordTime, formatDate, type MessagePayload, NO_MENTIONS, row } from '../render.js';

/** Messages of the curation commands. Pure: they turn curation results into payloads. */

const CURATION_COLOR = 0x57f287;

function message(content: string, options: { embeds?: APIEmbed[]; buttons?: APIButtonComponent[][] } = {}): MessagePayload {
  return {
    content: cutAtWord(content, DISCORD_LIMITS.messageContent),
    embeds: options.embeds ?? [],
    components: (options.buttons ?? [])
      .filter((buttons) => buttons.length)
      .map(row)
      .slice(0, DISCORD_LIMITS.rowsPerMessage),
    allowedMentions: NO_MENTIONS,
  };
}

/** A button whose custom_id fits; none when the entry id is too long to carry. */
function curationButton(label: string, id: CurationId, style = ButtonStyle.Secondary): APIButtonComponent[] {
  const customId = encodeCustomId(id);
  return customId ? [button(label, customId, style)] : [];
}

function fieldList(fields: readonly ContentField[]): string {
  const names = fields.map((field) => FIELD_LABELS[field]);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** What the curator typed, so a refused change loses nothing. */
function draftEmbed(content: EntryContent, title = 'Your text (not saved)'): APIEmbed {
  const lines = [
    `**Question:** ${content.question || '(empty)'}`,
    '',
    content.answer || '(no answer)',
    content.phrasings.length ? `\n**Other phrasings:**\n${content.phrasings.join('\n')}` : '',
    content.tags.length ? `\n**Tags:** ${content.tags.join(', ')}` : '',
    content.sources.length ? `\n**Sources:**\n${content.sources.join('\n')}` : '',
  ];
  return {
    title,
    description: cutMarkdown(lines.filter((line) => line !== '').join('\n'), DISCORD_LIMITS.embedDescription),
    color: 0xfee75c,
  };
}

/** What is wrong, the curator's text, and, when the text was kept (`draftId`), a button that reopens the form with it. */
export function problemsMessage(
  problems: readonly string[],
  content?: EntryContent,
  draftId?: string,
  tr: Translator = ENGLISH,
): MessagePayload {
  const text = `I couldn't save that:\n${problems.map((problem) => `• ${problem}`).join('\n')}`;
  return message(text, {
    embeds: content ? [draftEmbed(content)] : [],
    buttons: draftId ? [curationButton(tr('curation.editAndRetry'), { action: 'retryForm', draftId }, ButtonStyle.Primary)] : [],
  });
}

export function duplicateMessage(existing: Entry, content: EntryContent, tr: Translator = ENGLISH): MessagePayload {
  return message(`That question is already answered here by **${existing.question}**. Edit that entry instead?`, {
    embeds: [draftEmbed(content)],
    buttons: [curationButton(tr('curation.editThatEntry'), { action: 'edit', entryId: existing.id }, ButtonStyle.Primary)],
  });
}

export function conflictMessage(
  entryId: string,
  current: ServerEntryRecord | undefined,
  changed: readonly ContentField[],
  content?: EntryContent,
  tr: Translator = ENGLISH,
): MessagePayload {
  const who = current
    ? `${current.updatedByName} changed this entry on ${formatDate(isoDate(current.updatedAt))}`
    : 'Someone changed this entry';
  const what = current?.removed ? ' and removed it' : changed.length ? `: the ${fieldList(changed)} changed` : '';
  const text = `${who} while you were editing${what}. Your edit was not saved, so nothing was overwritten. Your text is below; open the current version to apply it again.`;
  return message(text, {
    embeds: content ? [draftEmbed(content)] : [],
    buttons: current?.removed
      ? []
      : [curationButton(tr('curation.editCurrent'), { action: 'edit', entryId: current?.entryId ?? entryId }, ButtonStyle.Primary)],
  });
}

export function savedNote(record: ServerEntryRecord, verb: string, localTags: readonly string[] = []): string {
  const local = localTags.length
    ? ` Not in the shared catalog, so ${localTags.length === 1 ? 'this tag works' : 'these tags work'} in this server only: ${localTags.join(', ')}.`
    : '';
  return `${verb} **${record.content.question}** (revision ${record.revision}). It is live in this server now.${local}`;
}

export function confirmRemoveMessage(
  question: string,
  entryId: string,
  revision: number,
  shipped: boolean,
  tr: Translator = ENGLISH,
): MessagePayload {
  const scope = shipped ? ' It ships with Stackwise, so it will be hidden in this server only.' : '';
  return message(`Remove **${question}** from this server's answers?${scope} You can undo it.`, {
    buttons: [
      [
        ...curationButton(tr('curation.remove'), { action: 'confirmRemove', revision, entryId }, ButtonStyle.Danger),
        ...curationButton(tr('curation.keep'), { action: 'keep' }),
      ],
    ],
  });
}

export function removedMessage(record: ServerEntryRecord, tr: Translator = ENGLISH): MessagePayload {
  return message(`Removed **${record.content.question}**. /ask no longer gives it in this server.`, {
    buttons: [
      curationButton(tr('curation.undo'), { action: 'undo', revision: record.revision, entryId: record.entryId }, ButtonStyle.Primary),
    ],
  });
}

const ACTION_WORDS: Record<RevisionRecord['action'], string> = {
  add: 'added',
  edit: 'edited',
  remove: 'removed',
  restore: 'restored',
  import: 'imported',
};

/** Newest first, each with who, when and what changed; buttons restore earlier revisions. */
export function historyMessage(
  record: ServerEntryRecord,
  revisions: readonly RevisionRecord[],
  changes: ReadonlyMap<number, ContentField[]>,
  tr: Translator = ENGLISH,
): MessagePayload {
  const lines = revisions.map((revision) => {
    const changed = changes.get(revision.revision) ?? [];
    const detail =
      revision.action === 'edit' || revision.action === 'import' || revision.action === 'restore'
        ? changed.length
          ? ` (${fieldList(changed)})`
          : ''
        : '';
    const current = revision.revision === record.revision ? ' · current' : '';
    return `**r${revision.revision}** · ${ACTION_WORDS[revision.action]}${detail} by ${revision.author.name} · ${discordTime(revision.createdAt)}${current}`;
  });
  const restorable = revisions
    .filter((revision) => revision.revision !== record.revision && !revision.removed)
    .slice(0, DISCORD_LIMITS.buttonsPerRow);
  return message('', {
    embeds: [
      {
        title: cutAtWord(`History: ${record.content.question}`, DISCORD_LIMITS.embedTitle),
        description: lines.join('\n'),
        color: CURATION_COLOR,
      },
    ],
    buttons: [
      restorable.flatMap((revision) =>
        curationButton(tr('curation.restore', { revision: revision.revision }), {
          action: 'restore',
          revision: revision.revision,
          current: record.revision,
          entryId: record.entryId,
        }),
      ),
    ],
  });
}

const UNANSWERED_PAGE = 5;

/**
 * The queue, most asked first. `answeredBy` gives, for a question the corpus answers now (an entry was
 * added or edited since it was asked), that entry's question: it is marked, and only Dismiss is offered.
 * It is asked for the groups shown only, since each is a search.
 */
export function unansweredMessage(
  groups: readonly UnansweredGroup[],
  answeredBy: (question: string) => string | undefined = () => undefined,
  tr: Translator = ENGLISH,
): MessagePayload {
  if (groups.length === 0) return message('No unanswered questions: every question asked here got an answer. 🎉');
  const shown = groups.slice(0, UNANSWERED_PAGE);
  const answeringByRow = new Map(shown.map((group) => [group.ids[0]!, answeredBy(group.question)]));
  const lines = shown.map((group, index) => {
    const others = group.wordings.length > 1 ? ` (+${group.wordings.length - 1} similar)` : '';
    const now = answeringByRow.get(group.ids[0]!);
    const answered = now ? ` · ✓ now answered by “${cutAtWord(now, 120)}”: dismiss it` : '';
    return `**${index + 1}.** ${cutAtWord(group.question, 150)} · asked ${group.askCount}×${others}${answered}`;
  });
  const more = groups.length > shown.length ? `\n…and ${groups.length - shown.length} more; handle these first.` : '';
  return message('', {
    embeds: [{ title: 'Unanswered questions, most asked first', description: lines.join('\n') + more, color: CURATION_COLOR }],
    buttons: shown.map((group, index) => {
      const dismiss = curationButton(tr('curation.numbered', { number: index + 1, label: tr('curation.dismiss') }), {
        action: 'queueDismiss',
        rowId: group.ids[0]!,
      });
      if (answeringByRow.get(group.ids[0]!)) return dismiss;
      return [
        ...curationButton(
          tr('curation.numbered', { number: index + 1, label: tr('curation.createEntry') }),
          { action: 'queueCreate', rowId: group.ids[0]! },
          ButtonStyle.Primary,
        ),
        ...curationButton(tr('curation.numbered', { number: index + 1, label: tr('curation.addAsPhrasing') }), {
          action: 'queuePhrasing',
          rowId: group.ids[0]!,
        }),
        ...dismiss,
      ];
    }),
  });
}

/** A queued question an entry already asks word for word: nothing to add, only to dismiss. */
export function alreadyAskedMessage(question: string, rowId: number, entry: Entry, tr: Translator = ENGLISH): MessagePayload {
  return message(
    `“${cutAtWord(question, 200)}” is already asked by **${entry.question}**, so there is nothing to add. Dismiss it from the queue?`,
    {
      buttons: [curationButton(tr('curation.dismiss'), { action: 'queueDismiss', rowId })],
    },
  );
}

export function phrasingChoiceMessage(
  question: string,
  rowId: number,
  candidates: readonly Entry[],
  tr: Translator = ENGLISH,
): MessagePayload {
  if (candidates.length === 0)
    return message(`I found no entry close to “${question}”. Create one instead.`, {
      buttons: [curationButton(tr('curation.createEntry'), { action: 'queueCreate', rowId }, ButtonStyle.Primary)],
    });
  return message(`Add “${cutAtWord(question, 200)}” as another phrasing of which entry?`, {
    buttons: candidates.map((entry) => curationButton(entry.question, { action: 'queuePhrasingTo', rowId, entryId: entry.id })),
  });
}

export function feedbackMessage(
  rows: readonly { entry: Entry; helpful: number; notHelpful: number }[],
  tr: Translator = ENGLISH,
): MessagePayload {
  if (rows.length === 0) return message('No “Not helpful” votes in this server yet.');
  const lines = rows.map(
    ({ entry, helpful, notHelpful }, index) => `**${index + 1}.** ${cutAtWord(entry.question, 150)} · 👎 ${notHelpful} · 👍 ${helpful}`,
  );
  return message('', {
    embeds: [
      {
        title: 'Entries people found least helpful',
        description: lines.join('\n'),
        footer: { text: 'Use /faq edit to improve one.' },
        color: CURATION_COLOR,
      },
    ],
    buttons: [
      rows
        .slice(0, DISCORD_LIMITS.buttonsPerRow)
        .flatMap(({ entry }, index) =>
          curationButton(tr('curation.editNumber', { number: index + 1 }), { action: 'edit', entryId: entry.id }),
        ),
    ],
  });
}

export function importPreviewMessage(
  file: string,
  counts: Record<ImportAction, number>,
  importId: string,
  tr: Translator = ENGLISH,
): MessagePayload {
  const parts = [
    `${counts.add} to add`,
    `${counts.update} to update`,
    `${counts.replace} shipped ${counts.replace === 1 ? 'entry' : 'entries'} to replace in this server`,
    `${counts.unchanged} unchanged`,
  ];
  return message(`Dry run of \`${cutAtWord(file, 80)}\`: ${parts.join(', ')}. Nothing has changed yet. Import it?`, {
    buttons: [
      [
        ...curationButton(tr('curation.import'), { action: 'importConfirm', importId }, ButtonStyle.Success),
        ...curationButton(tr('curation.cancel'), { action: 'importCancel', importId }),
      ],
    ],
  });
}

export function importProblemsMessage(file: string, problems: readonly string[]): MessagePayload {
  const shown = problems.slice(0, 15).map((problem) => `• ${problem}`);
  const more = problems.length > shown.length ? `\n…and ${problems.length - shown.length} more.` : '';
  return message(`I couldn't import \`${cutAtWord(file, 80)}\`, so nothing was changed:\n${shown.join('\n')}${more}`);
}

/** The current curator role, with a button to clear it (the click is the confirmation). */
export function curatorRoleMessage(roleName: string, tr: Translator = ENGLISH): MessagePayload {
  return message(`The curator role is **${roleName}**: its members may curate this server's FAQ, besides members with Manage Server.`, {
    buttons: [curationButton(tr('curation.clearRole'), { action: 'clearCuratorRole' }, ButtonStyle.Danger)],
  });
}

export function plainMessage(text: string): MessagePayload {
  return message(text);
}

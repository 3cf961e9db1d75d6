import { type ButtonInteraction, MessageFlags } from 'discord.js';
import type { Entry } from '../corpus/types.js';
import { translator, translatorFor } from '../i18n/index.js';
import { scopeKey } from '../search/visibility.js';
import { answerMessage } from './answers.js';
import { solvedStateOf } from './auto-answer.js';
import { type BotContext, scopeOf } from './context.js';
import type { AnswerButtonId } from './custom-id.js';
import { storeFaultNote } from './errors.js';
import { respond, respondWithNote } from './reply.js';

/** Handles the answer buttons: related questions, "Post in channel" and votes. */
export async function handleButton(interaction: ButtonInteraction, context: BotContext, button: AnswerButtonId): Promise<void> {
  const scope = scopeOf(interaction);
  const tr = translatorFor(interaction);
  const entry = context.engine.visibleEntry(button.entryId, scope);
  const inEphemeral = interaction.message.flags.has(MessageFlags.Ephemeral);
  if (!entry) {
    await showClosest(interaction, context, button.entryId);
    return;
  }

  switch (button.action) {
    case 'open': {
      const message = answerMessage(context, entry, scope, { tr, ephemeral: true, readerId: interaction.user.id });
      // Browsing inside an ephemeral answer updates it in place instead of piling up messages.
      if (inEphemeral) await interaction.update(message);
      else await respond(interaction, message, { ephemeral: true });
      return;
    }
    case 'post':
      await respond(interaction, answerMessage(context, entry, scope, { tr, ephemeral: false }), { ephemeral: false });
      return;
    case 'up':
    case 'down': {
      let vote: number | null;
      try {
        ({ vote } = context.store.votes.toggle(scopeKey(scope), entry.id, interaction.user.id, button.action === 'up' ? 1 : -1));
      } catch (error) {
        const note = storeFaultNote(error, context.logger, { msg: 'could not store a vote', entryId: entry.id }, 'action.recordVote', tr);
        if (!note) throw error;
        await respondWithNote(interaction, note);
        return;
      }
      context.logger.debug({ entryId: entry.id, vote }, 'vote');
      // An auto-answer keeps its "That solved it" button as it was, and its language: the server's.
      const solved = solvedStateOf(interaction.message);
      const shown = solved ? translator(interaction.guildLocale) : tr;
      await interaction.update(
        answerMessage(context, entry, scope, {
          tr: shown,
          ephemeral: inEphemeral,
          readerId: interaction.user.id,
          ...(solved ? { solved } : {}),
        }),
      );
      // The tally changed for everyone; the acknowledgement says what this click did, to this person only.
      await respondWithNote(interaction, tr(VOTE_ACKNOWLEDGEMENTS[String(vote) as keyof typeof VOTE_ACKNOWLEDGEMENTS]));
      return;
    }
  }
}

/** A button for an entry that is gone: say so, and offer the closest entry we have now. */
async function showClosest(interaction: ButtonInteraction, context: BotContext, staleId: string): Promise<void> {
  const scope = scopeOf(interaction);
  const tr = translatorFor(interaction);
  const words = staleId.replace(/^d:/, '').replace(/[:-]+/g, ' ');
  const closestId = context.engine.suggest(`${words} `, scope, 1)[0]?.id;
  const closest: Entry | undefined = closestId ? context.engine.visibleEntry(closestId, scope) : undefined;
  context.logger.info({ staleId, closestId }, 'stale button');
  if (!closest) {
    await respondWithNote(interaction, tr('stale.none'));
    return;
  }
  await respond(interaction, answerMessage(context, closest, scope, { tr, ephemeral: true, note: tr('stale.closest') }), {
    ephemeral: true,
  });
}

const VOTE_ACKNOWLEDGEMENTS = {
  '1': 'vote.up',
  '-1': 'vote.down',
  null: 'vote.withdrawn',
} as const;

import type { Attachment, ButtonInteraction, ChatInputCommandInteraction } from 'discord.js';
import { slugify } from '../../corpus/slug.js';
import { applyImport, exportEntries, type ImportPlan, type ImportResult, importSummary, planImport } from '../../curation/import-export.js';
import { isoDate } from '../../curation/server-entry.js';
import { translatorFor } from '../../i18n/index.js';
import type { BotContext } from '../context.js';
import { storeFaultNote } from '../errors.js';
import { respond, respondWithNote } from '../reply.js';
import { authorOf } from './author.js';
import { importPreviewMessage, importProblemsMessage, plainMessage } from './messages.js';
import { onEphemeral } from './respond-result.js';

const IMPORT_LIMITS = {
  maxBytes: 1024 * 1024,
  /** Leaves time to answer within Discord's 15 minutes for a deferred reply, and fails fast. */
  fetchTimeoutMs: 10_000,
  fileNames: /\.ya?ml$/i,
};

export async function exportServerEntries(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const guildName = interaction.guild?.name ?? interaction.guildId!;
  const heading = `Stackwise FAQ entries of "${guildName}", exported ${isoDate(Date.now())}.\nAdd this file to corpus/questions/ to ship them, or /faq import it in another server.`;
  const { text, count } = await exportEntries(context.store, interaction.guildId!, heading, context.bundles.write);
  if (count === 0)
    return respondWithNote(interaction, 'This server has no entries of its own yet: nothing to export. Add one with `/faq add`.');
  const name = `stackwise-faq-${slugify(guildName).slice(0, 40) || 'server'}.yaml`;
  await respond(
    interaction,
    {
      ...plainMessage(`${count} ${count === 1 ? 'entry' : 'entries'} from this server, in the corpus format.`),
      files: [{ attachment: Buffer.from(text), name }],
    },
    { ephemeral: true },
  );
}

async function download(attachment: Attachment): Promise<string> {
  const response = await fetch(attachment.url, { signal: AbortSignal.timeout(IMPORT_LIMITS.fetchTimeoutMs) });
  if (!response.ok) throw new Error(`import: download failed with HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength > IMPORT_LIMITS.maxBytes) throw new Error('import: file larger than the limit');
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** Validates the file and shows a dry run; nothing changes until a curator confirms. */
export async function previewImport(interaction: ChatInputCommandInteraction, context: BotContext, attachment: Attachment): Promise<void> {
  if (!IMPORT_LIMITS.fileNames.test(attachment.name)) {
    return respond(interaction, importProblemsMessage(attachment.name, ['expected a .yaml file, the format `/faq export` writes']), {
      ephemeral: true,
    });
  }
  if (attachment.size > IMPORT_LIMITS.maxBytes) {
    return respond(
      interaction,
      importProblemsMessage(attachment.name, [`the file is ${attachment.size} bytes; the limit is ${IMPORT_LIMITS.maxBytes}`]),
      { ephemeral: true },
    );
  }
  await interaction.deferReply({ flags: 'Ephemeral' });
  let text: string;
  try {
    text = await download(attachment);
  } catch (error) {
    context.logger.warn({ err: error, file: attachment.name }, 'import: could not read the attachment');
    return respond(
      interaction,
      importProblemsMessage(attachment.name, ['I could not read the file (it must be UTF-8 text, at most 1 MB); please upload it again']),
      { ephemeral: true },
    );
  }
  const guildId = interaction.guildId!;
  const bundle = await context.bundles.read(attachment.name, text);
  const { plan, problems } = await planImport(context.curation, guildId, attachment.name, bundle);
  if (!plan) {
    context.logger.info({ file: attachment.name, problems: problems.length }, 'import refused');
    return respond(interaction, importProblemsMessage(attachment.name, problems), { ephemeral: true });
  }
  const importId = context.store.pendingImports.save(guildId, interaction.user.id, plan);
  await respond(interaction, importPreviewMessage(attachment.name, importSummary(plan), importId, translatorFor(interaction)), {
    ephemeral: true,
  });
}

export async function confirmImport(interaction: ButtonInteraction, context: BotContext, importId: string): Promise<void> {
  const guildId = interaction.guildId!;
  const pending = context.store.pendingImports.get<ImportPlan>(guildId, importId);
  if (!pending) return respondWithNote(interaction, 'That import has expired or was already handled. Run `/faq import` again.');
  if (pending.applying) return respondWithNote(interaction, 'That import is being written already; its entries appear as they are saved.');
  // A large import takes longer than Discord waits for a first reply.
  if (onEphemeral(interaction)) await interaction.deferUpdate();
  else await interaction.deferReply({ flags: 'Ephemeral' });
  let result: ImportResult;
  try {
    result = await applyImport(context.store, context.curation, pending, authorOf(interaction));
  } catch (error) {
    const note = storeFaultNote(
      error,
      context.logger,
      { msg: 'import write failed', importId },
      'action.writeImport',
      translatorFor(interaction),
    );
    if (!note) throw error;
    // What was written stays; an import marked as applying is finished at the next start.
    const applying = context.store.pendingImports.get<ImportPlan>(guildId, importId)?.applying;
    const state = applying ? ' Part of it is written; the rest is written when the bot restarts.' : ' Nothing was imported.';
    return respond(interaction, plainMessage(note + state), { ephemeral: true });
  }
  context.logger.info({ importId, ...result }, 'import');
  await respond(interaction, plainMessage(importResultText(pending.plan.file, result)), { ephemeral: true });
}

function importResultText(file: string, result: ImportResult): string {
  if (result.status === 'conflict')
    return 'Nothing was imported: some entries changed since the dry run. Run `/faq import` again to see the current differences.';
  if (result.status === 'applying') return 'That import is being written already; its entries appear as they are saved.';
  const written = `Imported \`${file}\`: ${result.written === 1 ? '1 entry written. It is' : `${result.written} entries written. They are`} live now.`;
  const skipped = result.skipped === 0 ? '' : ` ${result.skipped} changed while the import ran and were left as their curators saved them.`;
  return written + skipped;
}

export async function cancelImport(interaction: ButtonInteraction, context: BotContext, importId: string): Promise<void> {
  context.store.pendingImports.delete(importId);
  const payload = plainMessage('Import cancelled: nothing was changed.');
  if (onEphemeral(interaction)) await interaction.update(payload);
  else await respond(interaction, payload, { ephemeral: true });
}

import {
  type AnyThreadChannel,
  type APIActionRowComponent,
  type APIButtonComponent,
  type ButtonInteraction,
  ChannelType,
  type Client,
  ComponentType,
  type Message,
  type User,
} from 'discord.js';
import { type Translator, translator, translatorFor } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { QUERY_LIMITS, QueryError } from '../search/query-limits.js';
import type { AskResult } from '../search/results.js';
import type { Store } from '../store/index.js';
import { answerMessage, recordQuestion } from './answers.js';
import type { BotContext } from './context.js';
import { Cooldown } from './cooldown.js';
import { decodeCustomId } from './custom-id.js';
import { cutAtWord } from './limits.js';
import { isCurator } from './permissions.js';
import { solvedButton } from './render.js';
import { postInChannel, respondWithNote } from './reply.js';

/**
 * Auto-answer in help forums and threads, opt-in per channel (`/faq settings auto-answer:`): a new post is
 * answered once, in its thread, from its title and (with the Message Content intent) its first message, only
 * when the engine is very sure. Otherwise its question goes to the unanswered queue, and nothing is said.
 */
export const AUTO_ANSWER = {
  /** The confidence an answer needs, unless a curator asks for more (`/faq settings confidence:`, in percent). */
  defaultConfidence: 0.9,
  /** At most this many auto-answers per channel per window, so a busy forum does not fill up with the bot. */
  cooldown: { limit: 3, windowMs: 60_000 },
  /** How long a new thread waits for its starter message (MESSAGE_CREATE) before it is answered from its title. */
  starterWaitMs: 3_000,
  /** New threads waiting for their starter message at once; more are answered from their title straight away. */
  maxWaiting: 500,
} as const;

/**
 * The ways a post is asked: its title; with its first message (Message Content intent), also the two together and
 * the message alone, since people often put the real question there. Each is cut to what a question may hold.
 */
function questionsOf(title: string, content: string | undefined): string[] {
  const body = content?.replace(/\s+/g, ' ').trim();
  const questions = [title.trim()];
  if (body) questions.push(cutAtWord(`${title.trim()} ${body}`, QUERY_LIMITS.maxChars), cutAtWord(body, QUERY_LIMITS.maxChars));
  return questions;
}

interface Asked {
  question: string;
  result: AskResult;
}

/** The most confident way of asking: the answer, or the question that goes to the queue. Answers come first. */
function bestOf(asked: readonly Asked[]): Asked | undefined {
  const rank = (item: Asked) => (item.result.status === 'answered' && item.result.entry ? 1 : 0) + item.result.confidence / 2;
  return [...asked].sort((a, b) => rank(b) - rank(a))[0];
}

interface Waiting {
  thread: AnyThreadChannel;
  timer: NodeJS.Timeout;
}

/** Follows THREAD_CREATE and MESSAGE_CREATE, and answers new posts in opted-in channels. */
export class AutoAnswerer {
  private readonly waiting = new Map<string, Waiting>();
  private readonly cooldown = new Cooldown(AUTO_ANSWER.cooldown.limit, AUTO_ANSWER.cooldown.windowMs);
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly client: Client,
    private readonly store: Store,
    private readonly context: Promise<BotContext>,
    private readonly logger: Logger,
  ) {}

  /** A thread appeared: only a new one (not one the bot merely learns of) in an opted-in channel matters. */
  onThreadCreate(thread: AnyThreadChannel, newlyCreated: boolean): void {
    if (this.stopped || !newlyCreated || !thread.parentId) return;
    // Never its own posts; other bots' are told apart by their starter message's author.
    if (thread.ownerId === this.client.user?.id) return;
    if (!this.store.autoAnswer.isEnabled(thread.guildId, thread.parentId)) return;
    if (this.store.autoAnswer.thread(thread.guildId, thread.id)) {
      this.logger.debug({ threadId: thread.id }, 'auto-answer: this thread was handled already');
      return;
    }
    // A thread started from a message in a text channel: that message came first, and may be known already.
    const starter = thread.parent?.type === ChannelType.GuildText ? thread.parent.messages.cache.get(thread.id) : undefined;
    if (starter || this.waiting.size >= AUTO_ANSWER.maxWaiting) {
      this.run(thread, starter ?? null);
      return;
    }
    if (this.waiting.has(thread.id)) return;
    const timer = setTimeout(() => {
      this.waiting.delete(thread.id);
      this.run(thread, null);
    }, AUTO_ANSWER.starterWaitMs);
    timer.unref();
    this.waiting.set(thread.id, { thread, timer });
  }

  /** The first message in a thread that waits for it: a forum post's starter, or the first one in a new thread. */
  onMessageCreate(message: Message): void {
    const waiting = this.waiting.get(message.channelId);
    if (!waiting) return;
    clearTimeout(waiting.timer);
    this.waiting.delete(message.channelId);
    this.run(waiting.thread, message);
  }

  /** Stops taking posts and waits for the answers being sent. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const { timer } of this.waiting.values()) clearTimeout(timer);
    this.waiting.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  private run(thread: AnyThreadChannel, starter: Message | null): void {
    if (this.stopped) return;
    const work = this.handle(thread, starter).finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  private async handle(thread: AnyThreadChannel, starter: Message | null): Promise<void> {
    const logger = this.logger.child({ guildId: thread.guildId, channelId: thread.parentId, threadId: thread.id });
    try {
      const author = starter?.author ?? (await this.owner(thread));
      if (!author || author.bot) {
        logger.info({ authorId: author?.id ?? thread.ownerId }, 'auto-answer: a post by a bot, left alone');
        return;
      }
      const context = await this.context;
      const { autoAnswer } = this.store;
      if (!autoAnswer.claimThread(thread.guildId, thread.parentId!, thread.id, author.id)) {
        logger.debug('auto-answer: this thread was handled already');
        return;
      }
      const scope = { guildId: thread.guildId };
      // A way of asking the engine cannot read (only emoji, say) is left out; a post with none is left alone.
      const results = questionsOf(thread.name, starter?.content).flatMap((question) => {
        try {
          return [{ question, result: context.engine.ask(question, scope) }];
        } catch (error) {
          if (error instanceof QueryError) return [];
          throw error;
        }
      });
      const best = bestOf(results);
      if (!best) {
        logger.info('auto-answer: nothing in the post is a question I can read');
        autoAnswer.finishThread(thread.id, 'skipped');
        return;
      }
      const { result } = best;
      const needed = autoAnswer.minConfidence(thread.guildId) ?? AUTO_ANSWER.defaultConfidence;
      const usedContent = results.length > 1;
      if (result.status === 'answered' && result.entry && result.confidence >= needed) {
        if (!this.cooldown.take(thread.parentId!).allowed) {
          logger.info({ entryId: result.entry.id }, 'auto-answer: the channel is in its cooldown, left alone');
          autoAnswer.finishThread(thread.id, 'skipped');
          return;
        }
        // No interaction here: the post is answered in the server's preferred language.
        const tr = translator(thread.guild.preferredLocale);
        const payload = answerMessage(context, result.entry, scope, { tr, ephemeral: false, related: result.related, solved: 'open' });
        const sent = await postInChannel(thread, payload);
        autoAnswer.finishThread(thread.id, 'answered', { messageId: sent.id, entryId: result.entry.id });
        logger.info({ entryId: result.entry.id, confidence: result.confidence, usedContent }, 'auto-answer: answered');
        await recordQuestion(context, scope, {
          question: best.question,
          outcome: 'answered',
          askedBy: author.displayName,
          entryId: result.entry.id,
        });
        return;
      }
      // Not sure enough: the question waits for a curator, and the post gets no message.
      const outcome = result.status === 'out_of_scope' ? 'out_of_scope' : 'unsure';
      await recordQuestion(context, scope, { question: best.question, outcome, askedBy: author.displayName });
      autoAnswer.finishThread(thread.id, 'queued');
      logger.info({ status: result.status, confidence: result.confidence, needed, usedContent }, 'auto-answer: not sure enough, queued');
    } catch (error) {
      logger.warn({ err: error }, 'auto-answer failed');
    }
  }

  /** Who started a thread that has no starter message: the bot asks Discord (a member lookup). */
  private async owner(thread: AnyThreadChannel): Promise<User | undefined> {
    if (!thread.ownerId) return undefined;
    const member = await thread.guild.members.fetch(thread.ownerId).catch(() => undefined);
    return member?.user;
  }
}

/**
 * "That solved it": only the post's author or a curator, checked here whatever the button says. The button
 * becomes a disabled "Solved"; the store keeps who marked it.
 */
export async function handleSolvedButton(interaction: ButtonInteraction, context: BotContext): Promise<void> {
  const record =
    interaction.guildId && interaction.channelId ? context.store.autoAnswer.thread(interaction.guildId, interaction.channelId) : undefined;
  // The message id is stored once Discord has confirmed the send; a click can come sooner than that.
  const tr = translatorFor(interaction);
  const onTheAnswer = record?.messageId ? record.messageId === interaction.message.id : record?.outcome === 'pending';
  if (!record || !onTheAnswer) return respondWithNote(interaction, tr('solved.notHere'));
  if (interaction.user.id !== record.authorId && !isCurator(interaction, context)) {
    context.logger.warn({ threadId: record.threadId }, 'refused "That solved it" from someone else');
    return respondWithNote(interaction, tr('solved.notYours'));
  }
  if (!context.store.autoAnswer.markSolved(record.guildId, record.threadId, interaction.user.id)) {
    return respondWithNote(interaction, tr('solved.already'));
  }
  context.logger.info({ threadId: record.threadId, entryId: record.entryId }, 'auto-answer: marked solved');
  // The answer is the server's, written in its preferred language: so is its "Solved" button.
  await interaction.update({ components: withSolved(interaction.message, 'done', translator(interaction.guildLocale)) });
  await respondWithNote(interaction, tr('solved.thanks'));
}

type ButtonRow = APIActionRowComponent<APIButtonComponent>;

/** The message's rows with its "That solved it" button in the given state. */
function withSolved(message: Message, state: 'open' | 'done', tr: Translator): ButtonRow[] {
  return message.components.map((row) => {
    const json = row.toJSON() as ButtonRow;
    return {
      ...json,
      components: json.components.map((component) =>
        component.type === ComponentType.Button && 'custom_id' in component && decodeCustomId(component.custom_id)?.action === 'solved'
          ? solvedButton(state, tr)
          : component,
      ),
    };
  });
}

/** Whether a message is an auto-answer, and in which state its "That solved it" button is: votes re-render it as it was. */
export function solvedStateOf(message: Message): 'open' | 'done' | undefined {
  for (const row of message.components) {
    const json = row.toJSON() as ButtonRow;
    for (const component of json.components) {
      if (component.type !== ComponentType.Button || !('custom_id' in component)) continue;
      if (decodeCustomId(component.custom_id)?.action === 'solved') return component.disabled ? 'done' : 'open';
    }
  }
  return undefined;
}

import { isHttpUrl } from './formats.js';
import { ENTRY_LIMITS } from './limits.js';
import type { Entry, EntryContent } from './types.js';

/**
 * Limits on what people write, in corpus files, bundles, imports and forms alike. The question limit is
 * Discord's embed title; the answer is bounded by a modal field, so any entry can be edited in the form.
 */
export const CONTENT_LIMITS = {
  questionMaxChars: ENTRY_LIMITS.questionMaxChars,
  questionMinChars: 8,
  /** Discord: a modal text input holds at most 4000 characters. */
  answerMaxChars: 4000,
  phrasingsMax: 10,
  tagsMax: 20,
  sourcesMax: 5,
} as const;

/** A letter or a digit in any script: a question made only of emoji or zero-width characters has none. */
const HAS_WORD = /[\p{L}\p{N}]/u;
/** Control characters other than tab and line breaks (a NUL, say): never part of a question or answer. */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Splits a modal field into items: one per line, or separated by commas for tags. */
export function splitLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*[-*•]\s*/, '').trim())
    .filter(Boolean);
}

export function splitTags(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((tag) => tag.trim())
    .filter(Boolean);
}

/** Removes repeats (ignoring case) and surrounding space. */
function unique(items: readonly string[]): string[] {
  const seen = new Set<string>();
  return items
    .map((item) => item.trim())
    .filter((item) => {
      const key = item.toLowerCase();
      if (!item || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

export function cleanContent(content: EntryContent): EntryContent {
  const question = content.question.replace(/\s+/g, ' ').trim();
  return {
    question,
    answer: content.answer.trim(),
    phrasings: unique(content.phrasings).filter((phrasing) => phrasing.toLowerCase() !== question.toLowerCase()),
    tags: unique(content.tags),
    sources: unique(content.sources),
    ...(content.askedBy?.trim() ? { askedBy: content.askedBy.trim() } : {}),
  };
}

/** A problem with one field of an entry, as a sentence a curator can act on. */
export interface ContentProblem {
  field: ContentField;
  message: string;
}

/**
 * What is wrong with an entry's content; empty when it is fine. The one validation for entries, whether
 * they come from a corpus file, a bundle, an import or a form. `isKnownTag` says whether a tag names a
 * company or technology the corpus knows.
 */
export function contentProblems(content: EntryContent, isKnownTag: (tag: string) => boolean): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const add = (field: ContentField, message: string) => problems.push({ field, message });
  const limits = CONTENT_LIMITS;
  if (content.question === '') add('question', 'The question is empty.');
  else if (!HAS_WORD.test(content.question)) add('question', 'The question has no words (only symbols, emoji or invisible characters).');
  else if (content.question.length < limits.questionMinChars)
    add('question', `The question is too short (at least ${limits.questionMinChars} characters).`);
  if (content.question.length > limits.questionMaxChars)
    add('question', `The question is ${content.question.length} characters; the limit is ${limits.questionMaxChars}.`);
  for (const field of ['question', 'answer', 'phrasings', 'tags', 'sources'] as const) {
    const values = [content[field]].flat();
    if (values.some((value) => CONTROL_CHARACTER.test(value)))
      add(field, `There is a control character in the ${FIELD_LABELS[field]}; remove it.`);
  }
  if (content.answer === '') add('answer', 'The answer is empty.');
  if (content.answer.length > limits.answerMaxChars)
    add('answer', `The answer is ${content.answer.length} characters; the limit is ${limits.answerMaxChars}.`);
  if (content.phrasings.length > limits.phrasingsMax)
    add('phrasings', `There are ${content.phrasings.length} other phrasings; the limit is ${limits.phrasingsMax}.`);
  const longPhrasing = content.phrasings.find((phrasing) => phrasing.length > limits.questionMaxChars);
  if (longPhrasing) add('phrasings', `The phrasing "${longPhrasing.slice(0, 40)}…" is longer than ${limits.questionMaxChars} characters.`);
  if (content.tags.length > limits.tagsMax) add('tags', `There are ${content.tags.length} tags; the limit is ${limits.tagsMax}.`);
  const unknownTags = content.tags.filter((tag) => !isKnownTag(tag));
  if (unknownTags.length) {
    add(
      'tags',
      `Unknown tag${unknownTags.length > 1 ? 's' : ''}: ${unknownTags.map((tag) => `"${tag}"`).join(', ')}. ` +
        'Tags name companies or technologies Stackwise knows (e.g. Netflix, Apache Kafka); leave them out if unsure.',
    );
  }
  if (content.sources.length > limits.sourcesMax)
    add('sources', `There are ${content.sources.length} sources; the limit is ${limits.sourcesMax}.`);
  const badSources = content.sources.filter((source) => !isHttpUrl(source));
  if (badSources.length)
    add(
      'sources',
      `Sources must be web addresses starting with https://; this is not: ${badSources.map((source) => `"${source.slice(0, 60)}"`).join(', ')}.`,
    );
  return problems;
}

/** Company and technology slugs a tag names, if any. */
export type TagResolver = (tag: string) => { company?: string; technology?: string };

/** A shipped entry (a corpus .md file or an item of a questions/*.yaml bundle) from checked content. */
export function shippedEntry(
  id: string,
  content: EntryContent,
  resolveTag: TagResolver,
  extra: { related: string[]; updated?: string; file: string },
): Entry {
  // A tag that names both a company and a technology ("Snowflake") is the technology when the entry
  // names another company, and the company otherwise.
  const both = content.tags.map(resolveTag);
  const namesOtherCompany = both.some(({ company, technology }) => company && !technology);
  const resolved = both.map(({ company, technology }) =>
    company && technology ? (namesOtherCompany ? { technology } : { company }) : { company, technology },
  );
  return {
    id,
    question: content.question,
    phrasings: content.phrasings,
    answer: content.answer,
    companies: [...new Set(resolved.flatMap(({ company }) => company ?? []))],
    technologies: [...new Set(resolved.flatMap(({ technology }) => technology ?? []))],
    related: extra.related,
    sources: content.sources,
    ...(content.askedBy ? { askedBy: content.askedBy } : {}),
    ...(extra.updated ? { updated: extra.updated } : {}),
    origin: 'curated',
    file: extra.file,
  };
}

/** An entry's content as a curator would write it, e.g. to prefill the edit form. */
export function contentOf(entry: Entry, tagNames: (entry: Entry) => string[]): EntryContent {
  return {
    question: entry.question,
    answer: entry.answer,
    phrasings: [...entry.phrasings],
    tags: tagNames(entry),
    sources: [...entry.sources],
    ...(entry.askedBy ? { askedBy: entry.askedBy } : {}),
  };
}

export type ContentField = keyof EntryContent;

export const FIELD_LABELS: Record<ContentField, string> = {
  question: 'question',
  answer: 'answer',
  phrasings: 'other phrasings',
  tags: 'tags',
  sources: 'sources',
  askedBy: 'asked by',
};

/** The fields that differ between two versions of an entry. */
export function changedFields(before: EntryContent | undefined, after: EntryContent | undefined): ContentField[] {
  if (!before || !after) return [];
  return (Object.keys(FIELD_LABELS) as ContentField[]).filter(
    (field) => JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null),
  );
}

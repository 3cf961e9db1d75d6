import type { Entry } from '../corpus/types.js';
import type { AnswerEngine } from '../search/engine.js';
import type { ServerEntryRecord } from '../store/server-entries.js';

/** "2026-11-25" */
export function isoDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/**
 * A stored server entry as the engine indexes it: its companies and technologies come from its
 * tags and from the names in its question; a replacement keeps the shipped entry's related ids.
 */
export function toServerEntry(record: ServerEntryRecord, engine: AnswerEngine): Entry {
  const { content } = record;
  const named = engine.namedIn(content.question);
  const companies = new Set(named.companies);
  const technologies = new Set(named.technologies);
  const localTags: string[] = [];
  for (const tag of content.tags) {
    const { company, technology } = engine.resolveTag(tag);
    if (company) companies.add(company);
    if (technology) technologies.add(technology);
    if (!company && !technology) localTags.push(tag);
  }
  const replaced = record.overrides ? engine.entry(record.overrides) : undefined;
  return {
    id: record.entryId,
    question: content.question,
    phrasings: content.phrasings,
    answer: content.answer,
    companies: [...companies],
    technologies: [...technologies],
    ...(localTags.length ? { localTags } : {}),
    related: replaced?.related ?? [],
    sources: content.sources,
    askedBy: content.askedBy ?? record.createdByName,
    updated: isoDate(record.updatedAt),
    origin: 'server',
    guildId: record.guildId,
  };
}

import { type APIModalInteractionResponseCallbackData, ComponentType, type ModalSubmitInteraction, TextInputStyle } from 'discord.js';
import { CONTENT_LIMITS, splitLines, splitTags } from '../../corpus/content.js';
import type { EntryContent } from '../../corpus/types.js';
import { ENGLISH, type MessageKey, type Translator } from '../../i18n/index.js';
import { cutAtWord, DISCORD_LIMITS } from '../limits.js';

/** The modal's text inputs, by custom_id. */
const ENTRY_FIELDS = {
  question: 'question',
  answer: 'answer',
  phrasings: 'phrasings',
  tags: 'tags',
  sources: 'sources',
} as const;

interface FieldSpec {
  label: MessageKey;
  description: MessageKey;
  style: TextInputStyle;
  required: boolean;
  maxLength: number;
  placeholder?: string;
}

const FIELD_SPECS: Record<keyof typeof ENTRY_FIELDS, FieldSpec> = {
  question: {
    label: 'field.question.label',
    description: 'field.question.description',
    style: TextInputStyle.Short,
    required: true,
    maxLength: CONTENT_LIMITS.questionMaxChars,
    placeholder: 'Does Netflix use Apache Kafka?',
  },
  answer: {
    label: 'field.answer.label',
    description: 'field.answer.description',
    style: TextInputStyle.Paragraph,
    required: true,
    maxLength: CONTENT_LIMITS.answerMaxChars,
  },
  phrasings: {
    label: 'field.phrasings.label',
    description: 'field.phrasings.description',
    style: TextInputStyle.Paragraph,
    required: false,
    maxLength: DISCORD_LIMITS.textInputValue,
  },
  tags: {
    label: 'field.tags.label',
    description: 'field.tags.description',
    style: TextInputStyle.Short,
    required: false,
    maxLength: 400,
    placeholder: 'Netflix, Apache Kafka',
  },
  sources: {
    label: 'field.sources.label',
    description: 'field.sources.description',
    style: TextInputStyle.Paragraph,
    required: false,
    maxLength: 2000,
    placeholder: 'https://netflixtechblog.com/…',
  },
};

function fieldValue(content: Partial<EntryContent>, field: keyof typeof ENTRY_FIELDS): string {
  switch (field) {
    case 'question':
      return content.question ?? '';
    case 'answer':
      return content.answer ?? '';
    case 'phrasings':
      return (content.phrasings ?? []).join('\n');
    case 'tags':
      return (content.tags ?? []).join(', ');
    case 'sources':
      return (content.sources ?? []).join('\n');
  }
}

/** The add/edit form: a modal with one labelled text input per field, prefilled from `content`. */
export function entryModal(
  customId: string,
  title: string,
  content: Partial<EntryContent> = {},
  tr: Translator = ENGLISH,
): APIModalInteractionResponseCallbackData {
  return {
    custom_id: customId,
    title: cutAtWord(title, DISCORD_LIMITS.modalTitle),
    components: (Object.keys(ENTRY_FIELDS) as (keyof typeof ENTRY_FIELDS)[]).map((field) => {
      const spec = FIELD_SPECS[field];
      const value = fieldValue(content, field).slice(0, spec.maxLength);
      return {
        type: ComponentType.Label,
        label: tr(spec.label),
        description: tr(spec.description),
        component: {
          type: ComponentType.TextInput,
          custom_id: ENTRY_FIELDS[field],
          style: spec.style,
          required: spec.required,
          max_length: spec.maxLength,
          ...(value ? { value } : {}),
          ...(spec.placeholder ? { placeholder: spec.placeholder } : {}),
        },
      };
    }),
  };
}

/** The content a curator submitted; fields a forged submission leaves out count as empty. */
export function contentFromModal(interaction: ModalSubmitInteraction): EntryContent {
  const text = (field: string): string => {
    try {
      return interaction.fields.getTextInputValue(field) ?? '';
    } catch {
      return '';
    }
  };
  return {
    question: text(ENTRY_FIELDS.question),
    answer: text(ENTRY_FIELDS.answer),
    phrasings: splitLines(text(ENTRY_FIELDS.phrasings)),
    tags: splitTags(text(ENTRY_FIELDS.tags)),
    sources: splitLines(text(ENTRY_FIELDS.sources)),
  };
}

import { ApplicationCommandType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { CATALOGS, TRANSLATED_LOCALES, t } from '../../src/i18n/index.js';

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]).sort();
const english = CATALOGS['en-US'];

describe('message catalogs', () => {
  for (const locale of TRANSLATED_LOCALES) {
    const catalog: Record<string, string> = CATALOGS[locale];
    it(`${locale} has every English key, no other key, and the same placeholders`, () => {
      expect(Object.keys(catalog).sort()).toEqual(Object.keys(english).sort());
      for (const [key, text] of Object.entries(english)) {
        expect(catalog[key]?.trim(), `${locale} ${key}`).toBeTruthy();
        expect(placeholders(catalog[key] ?? ''), `${locale} ${key}`).toEqual(placeholders(text));
      }
    });
  }

  it('falls back to English for a locale without a catalog, and fills placeholders', () => {
    expect(t('ko', 'answer.helpful')).toBe('Helpful');
    expect(t('de', 'ask.cooldown', { seconds: 3 })).toContain('3 s');
    expect(t('es-419', 'answer.helpful')).toBe('Útil');
  });
});

/** Discord's rules for slash command and option names, in every locale. */
const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

type Named = {
  name: string;
  type?: number;
  description?: string;
  name_localizations?: Record<string, string> | null;
  description_localizations?: Record<string, string> | null;
  options?: Named[];
};

function* walk(item: Named): Generator<Named> {
  yield item;
  for (const option of item.options ?? []) yield* walk(option);
}

describe('command localizations', () => {
  const { definitions } = COMMANDS;

  it('every command, subcommand and option is named and described in every translated locale, within Discord rules', () => {
    for (const definition of definitions as Named[]) {
      const message = definition.type === ApplicationCommandType.Message;
      for (const item of walk(definition)) {
        for (const locale of TRANSLATED_LOCALES) {
          const name = item.name_localizations?.[locale];
          expect(name, `${item.name} ${locale}`).toBeTruthy();
          if (message) {
            expect(name!.length).toBeLessThanOrEqual(32);
          } else {
            expect(name, `${item.name} ${locale}`).toMatch(NAME);
            expect(name).toBe(name!.toLowerCase());
            const description = item.description_localizations?.[locale];
            expect(description, `${item.name} ${locale}`).toBeTruthy();
            expect(description!.length, `${item.name} ${locale}`).toBeLessThanOrEqual(100);
          }
        }
      }
    }
  });

  it('names are unique among siblings in each locale, as Discord requires', () => {
    for (const definition of definitions as Named[]) {
      for (const item of walk(definition)) {
        for (const locale of TRANSLATED_LOCALES) {
          const names = (item.options ?? []).map((option) => option.name_localizations?.[locale]);
          expect(new Set(names).size, `${item.name} ${locale}`).toBe(names.length);
        }
      }
    }
  });
});

import { Locale } from 'discord.js';
import { createInstance } from 'i18next';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import esES from './locales/es-ES.json' with { type: 'json' };
import fr from './locales/fr.json' with { type: 'json' };
import ja from './locales/ja.json' with { type: 'json' };
import ptBR from './locales/pt-BR.json' with { type: 'json' };

/**
 * The bot's own words in each language it speaks: one catalog per locale in ./locales, keyed by Discord's
 * `Locale`, English the fallback for a missing locale. Only Discord code uses this: the engine stays English.
 */
export const CATALOGS = {
  [Locale.EnglishUS]: en,
  [Locale.German]: de,
  [Locale.French]: fr,
  [Locale.SpanishES]: esES,
  [Locale.PortugueseBR]: ptBR,
  [Locale.Japanese]: ja,
} as const satisfies Partial<Record<Locale, Record<string, string>>>;

/** The locales the bot translates into, English first. */
export const SUPPORTED_LOCALES = Object.keys(CATALOGS) as (keyof typeof CATALOGS)[];
/** The locales with their own catalog besides English: what command localizations are registered for. */
export const TRANSLATED_LOCALES = SUPPORTED_LOCALES.filter((locale) => locale !== Locale.EnglishUS);

/** A message key: checked at compile time against the English catalog. */
export type MessageKey = keyof typeof en;
type CatalogLocale = keyof typeof CATALOGS;
export type MessageParams = Record<string, string | number>;
/** The bot's words in one locale; `locale` is the catalog's, e.g. for dates. */
export type Translator = ((key: MessageKey, params?: MessageParams) => string) & { readonly locale: CatalogLocale };

/** Locales Discord has that read one of our catalogs well enough. */
const NEAREST: Partial<Record<string, keyof typeof CATALOGS>> = {
  [Locale.EnglishGB]: Locale.EnglishUS,
  [Locale.SpanishLATAM]: Locale.SpanishES,
};

const i18n = createInstance();
void i18n.init({
  resources: Object.fromEntries(Object.entries(CATALOGS).map(([locale, catalog]) => [locale, { translation: catalog }])),
  lng: Locale.EnglishUS,
  fallbackLng: Locale.EnglishUS,
  // Keys are flat ("ask.cooldown"), so they can be typed from en.json as they are.
  keySeparator: false,
  nsSeparator: false,
  // Discord is no HTML page: Markdown and mentions pass through as written.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
  showSupportNotice: false,
} as Parameters<typeof i18n.init>[0]);

/** The catalog locale for a Discord locale: its own, a near one, or English. */
function catalogLocale(locale: string | null | undefined): keyof typeof CATALOGS {
  if (!locale) return Locale.EnglishUS;
  if (locale in CATALOGS) return locale as keyof typeof CATALOGS;
  return NEAREST[locale] ?? Locale.EnglishUS;
}

/** The bot's words for a key in a locale (English when the locale has no catalog). */
export function t(locale: string | null | undefined, key: MessageKey, params?: MessageParams): string {
  return fixedT(catalogLocale(locale))(key, params ?? {}) as string;
}

/** One i18next translator per catalog, made once: replies call t() dozens of times each. */
const fixedTs = new Map<CatalogLocale, ReturnType<typeof i18n.getFixedT>>();
function fixedT(locale: CatalogLocale): ReturnType<typeof i18n.getFixedT> {
  let fixed = fixedTs.get(locale);
  if (!fixed) {
    fixed = i18n.getFixedT(locale);
    fixedTs.set(locale, fixed);
  }
  return fixed;
}

/** A translator bound to one locale, e.g. an interaction's. */
export function translator(locale: string | null | undefined): Translator {
  const fixed: CatalogLocale = catalogLocale(locale);
  const translate = (key: MessageKey, params?: MessageParams) => t(fixed, key, params);
  return Object.assign(translate, { locale: fixed } as { readonly locale: CatalogLocale });
}

/** English, for callers with no reader (and the default of the pure render functions). */
export const ENGLISH: Translator = translator(Locale.EnglishUS);

/** The translator for the person behind an interaction: their client's language. */
export function translatorFor(interaction: { locale: string }): Translator {
  return translator(interaction.locale);
}

/** True when replies to this locale are not in English, so English corpus answers get a line saying so. */
export function isEnglish(locale: string | null | undefined): boolean {
  return catalogLocale(locale) === Locale.EnglishUS;
}

/**
 * A command's name or description in every translated locale, for `name_localizations` and
 * `description_localizations`. English stays the base name: the router dispatches on it.
 */
function localizations(key: MessageKey): Partial<Record<Locale, string>> {
  return Object.fromEntries(TRANSLATED_LOCALES.map((locale) => [locale, t(locale, key)]));
}

/** `name_localizations` and (for slash commands and options) `description_localizations` from two keys. */
export function localized(nameKey: MessageKey, descriptionKey?: MessageKey, params?: MessageParams) {
  const name_localizations = localizations(nameKey);
  if (!descriptionKey) return { name_localizations };
  const description_localizations = Object.fromEntries(TRANSLATED_LOCALES.map((locale) => [locale, t(locale, descriptionKey, params)]));
  return { name_localizations, description_localizations };
}

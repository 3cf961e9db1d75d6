// Discord's markdown, and nothing more: bold, italics, __underline__, ~~strike~~, ||spoilers||, inline
// code and code blocks, > and >>> quotes, # ## ### headers, -# subtext, lists, masked links and <t:…>
// timestamps. Tables, images, rules and raw HTML show as the text they were typed as. DOMPurify then
// keeps only safe elements and web or Discord links: answer text is untrusted.
import { marked } from '/vendor/marked.esm.js';
import DOMPurify from '/vendor/purify.es.mjs';

/** Links the page may follow, as Discord allows: web addresses and Discord's own; anything else (javascript:, data:) is dropped. */
const SAFE_LINK = /^(?:https?:|discord:)/i;

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** <t:1700000000:R> as Discord shows it, in the reader's locale. */
function formatTimestamp(seconds, style) {
  const date = new Date(seconds * 1000);
  if (style === 'R') {
    const days = Math.round((date.getTime() - Date.now()) / 86_400_000);
    return new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }).format(days, 'day');
  }
  const styles = {
    t: { timeStyle: 'short' },
    T: { timeStyle: 'medium' },
    d: { dateStyle: 'short' },
    D: { dateStyle: 'long' },
    f: { dateStyle: 'long', timeStyle: 'short' },
    F: { dateStyle: 'full', timeStyle: 'short' },
  };
  return new Intl.DateTimeFormat(undefined, styles[style] ?? styles.f).format(date);
}

const spoiler = {
  name: 'spoiler',
  level: 'inline',
  start: (src) => src.indexOf('||'),
  tokenizer(src) {
    const match = /^\|\|([\s\S]+?)\|\|/.exec(src);
    if (match) return { type: 'spoiler', raw: match[0], tokens: this.lexer.inlineTokens(match[1]) };
  },
  renderer(token) {
    return `<span class="spoiler" tabindex="0">${this.parser.parseInline(token.tokens)}</span>`;
  },
};

const timestamp = {
  name: 'timestamp',
  level: 'inline',
  start: (src) => src.indexOf('<t:'),
  tokenizer(src) {
    const match = /^<t:(-?\d{1,13})(?::([tTdDfFR]))?>/.exec(src);
    if (match) return { type: 'timestamp', raw: match[0], seconds: Number(match[1]), style: match[2] ?? 'f' };
  },
  renderer(token) {
    const date = new Date(token.seconds * 1000);
    return `<time class="timestamp" datetime="${date.toISOString()}">${escapeHtml(formatTimestamp(token.seconds, token.style))}</time>`;
  },
};

const subtext = {
  name: 'subtext',
  level: 'block',
  start: (src) => src.match(/^-# /m)?.index,
  tokenizer(src) {
    const match = /^-# ([^\n]+)(?:\n|$)/.exec(src);
    if (match) return { type: 'subtext', raw: match[0], tokens: this.lexer.inlineTokens(match[1]) };
  },
  renderer(token) {
    return `<p class="subtext">${this.parser.parseInline(token.tokens)}</p>`;
  },
};

const asTyped = (token) => `<p>${escapeHtml(token.raw.trimEnd())}</p>`;

marked.use({
  extensions: [spoiler, timestamp, subtext],
  tokenizer: {
    // Discord has no tables, rules, indented code or setext headings: they stay text.
    table: () => undefined,
    code: () => undefined,
    hr: () => undefined,
    lheading: () => undefined,
  },
  renderer: {
    // Raw HTML is shown as text, as Discord does.
    html: ({ text }) => escapeHtml(text),
    image: ({ raw }) => escapeHtml(raw),
    heading(token) {
      return token.depth > 3 ? asTyped(token) : false;
    },
    strong(token) {
      return token.raw.startsWith('__') ? `<u>${this.parser.parseInline(token.tokens)}</u>` : false;
    },
  },
});

/**
 * Quotes as Discord reads them: ">>> " quotes everything after it, to the end of the message, and "> "
 * quotes its own line only (markdown would run the next line into the quote).
 */
function discordQuotes(text) {
  const long = text.replace(/^>>> ([\s\S]*)$/m, (_whole, rest) =>
    rest
      .split('\n')
      .map((line) => `> ${line}`)
      .join('\n'),
  );
  return long.replace(/^(>.*)\n(?!>)/gm, '$1\n\n');
}

export function markdown(text) {
  const html = marked.parse(discordQuotes(String(text ?? '')), { breaks: true });
  // The attributes the extensions above write; they hold no addresses, so the link rule does not apply to them.
  const extra = ['datetime', 'tabindex'];
  return DOMPurify.sanitize(html, { ALLOWED_URI_REGEXP: SAFE_LINK, ADD_ATTR: extra, ADD_URI_SAFE_ATTR: extra });
}

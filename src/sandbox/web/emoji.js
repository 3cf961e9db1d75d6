// Emoji drawn as Discord draws them, as Twemoji images, so they show on machines with no colour emoji font
// (a bare Linux or a headless browser shows empty boxes). An emoji the image set lacks stays as text.
import emojiRegex from '/vendor/emoji-regex.mjs';

/** Text in these is shown as typed, as Discord does in code. */
const AS_TYPED = 'code, pre, textarea, script, style';

/** The image's name: the emoji's code points in hex, joined by "-" (the server finds the Twemoji file for it). */
function codePoints(emoji) {
  return [...emoji].map((character) => character.codePointAt(0).toString(16)).join('-');
}

function emojiImage(emoji) {
  const image = document.createElement('img');
  image.className = 'emoji';
  image.alt = emoji;
  image.draggable = false;
  image.src = `/emoji/${codePoints(emoji)}.svg`;
  image.addEventListener('error', () => image.replaceWith(emoji), { once: true });
  return image;
}

/** Replaces each emoji in the text under `root` with its image. */
export function drawEmoji(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement?.closest(AS_TYPED)) texts.push(node);
  }
  const pattern = emojiRegex();
  for (const text of texts) {
    const value = text.nodeValue;
    const parts = [];
    let end = 0;
    for (const match of value.matchAll(pattern)) {
      parts.push(value.slice(end, match.index), emojiImage(match[0]));
      end = match.index + match[0].length;
    }
    if (parts.length === 0) continue;
    parts.push(value.slice(end));
    text.replaceWith(...parts.filter((part) => part !== ''));
  }
}

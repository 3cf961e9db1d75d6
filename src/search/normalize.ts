/** Accents removed and compatibility forms unified, case kept: "Café" -> "Cafe", "ＡＷＳ" -> "AWS". */
export function stripAccents(text: string): string {
  if (/^[\u0000-\u007f]*$/.test(text)) return text;
  return text.normalize('NFKD').replace(/\p{M}+/gu, '');
}

/** Lower case, accents removed: "Café" -> "cafe". */
export function foldText(text: string): string {
  return stripAccents(text).toLowerCase();
}

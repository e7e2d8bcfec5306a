/**
 * The number of bytes TextEncoder would give for a text, without encoding it: the size
 * computations on every message (queue file records) ran TextEncoder once per line.
 *
 * Exactly TextEncoder's count, lone surrogates included (each becomes U+FFFD, three bytes),
 * so that a size limit decides the same whichever way the size is taken.
 */
export function utf8Length(text: string, from = 0, to = text.length): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to && isLowSurrogate(text.charCodeAt(i + 1))) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * Literal sizes count bytes of UTF-8, JavaScript strings count UTF-16 units: these helpers keep
 * the two apart.
 */
import { byteLength } from '../wireText';

/** The longest prefix of `text` that is exactly `bytes` bytes long, or undefined if it is shorter. */
export function takeBytes(text: string, bytes: number): string | undefined {
  let n = 0;
  let i = 0;
  while (n < bytes && i < text.length) {
    const c = text.codePointAt(i)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    i += c >= 0x10000 ? 2 : 1;
  }
  return n === bytes ? text.slice(0, i) : undefined;
}

export { byteLength };

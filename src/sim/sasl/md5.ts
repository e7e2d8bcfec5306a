/**
 * MD5 (RFC 1321) in plain TypeScript: CRAM-MD5 needs it and the engine cannot reach for
 * node:crypto or WebCrypto (the one is missing in the browser, the other is asynchronous).
 */

/** Per-round left-rotation amounts. */
const SHIFTS = [
  7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
  4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
];

/** floor(abs(sin(i + 1)) * 2^32), computed once. */
const SINES = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 0x100000000) >>> 0);

/** The 16-byte MD5 digest of `data`. */
export function md5(data: Uint8Array): Uint8Array {
  const padded = pad(data);
  const state = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
  const words = new Uint32Array(16);
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let i = 0; i < 16; i++) {
      const j = offset + i * 4;
      words[i] = padded[j] | (padded[j + 1] << 8) | (padded[j + 2] << 16) | (padded[j + 3] << 24);
    }
    compress(state, words);
  }
  const out = new Uint8Array(16);
  state.forEach((word, i) => {
    for (let b = 0; b < 4; b++) out[i * 4 + b] = (word >>> (8 * b)) & 0xff;
  });
  return out;
}

/** Appends the 0x80 byte, zeros and the bit length (little-endian) up to a multiple of 64. */
function pad(data: Uint8Array): Uint8Array {
  const length = data.length;
  const total = (((length + 8) >> 6) + 1) * 64;
  const out = new Uint8Array(total);
  out.set(data);
  out[length] = 0x80;
  const bits = length * 8;
  const view = new DataView(out.buffer);
  view.setUint32(total - 8, bits >>> 0, true);
  view.setUint32(total - 4, Math.floor(bits / 0x100000000), true);
  return out;
}

function compress(state: number[], words: Uint32Array): void {
  let [a, b, c, d] = state;
  for (let i = 0; i < 64; i++) {
    let f: number;
    let g: number;
    if (i < 16) {
      f = (b & c) | (~b & d);
      g = i;
    } else if (i < 32) {
      f = (d & b) | (~d & c);
      g = (5 * i + 1) % 16;
    } else if (i < 48) {
      f = b ^ c ^ d;
      g = (3 * i + 5) % 16;
    } else {
      f = c ^ (b | ~d);
      g = (7 * i) % 16;
    }
    const sum = (a + f + SINES[i] + words[g]) | 0;
    a = d;
    d = c;
    c = b;
    b = (b + rotateLeft(sum, SHIFTS[i])) | 0;
  }
  state[0] = (state[0] + a) | 0;
  state[1] = (state[1] + b) | 0;
  state[2] = (state[2] + c) | 0;
  state[3] = (state[3] + d) | 0;
}

function rotateLeft(x: number, n: number): number {
  return (x << n) | (x >>> (32 - n));
}

/** Lower-case hex of bytes, as CRAM-MD5 sends a digest. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

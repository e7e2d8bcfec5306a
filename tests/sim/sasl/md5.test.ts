import { describe, expect, it } from 'vitest';
import { hmacMd5 } from '../../../src/sim/sasl/hmacMd5';
import { md5, toHex } from '../../../src/sim/sasl/md5';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('md5 (RFC 1321 test suite)', () => {
  it.each([
    ['', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['a', '0cc175b9c0f1b6a831c399e269772661'],
    ['abc', '900150983cd24fb0d6963f7d28e17f72'],
    ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
    ['abcdefghijklmnopqrstuvwxyz', 'c3fcd3d76192e4007dfb496cca67e13b'],
    ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 'd174ab98d277d9f5a5611c2c9f419d9f'],
    ['12345678901234567890123456789012345678901234567890123456789012345678901234567890', '57edf4a22be3c955ac49da2e2107b67a'],
  ])('md5(%j)', (input, digest) => {
    expect(toHex(md5(bytes(input)))).toBe(digest);
  });

  it('handles lengths around the padding boundary', () => {
    // 55, 56 and 64 bytes need one, two and two blocks.
    expect(toHex(md5(bytes('x'.repeat(55))))).toBe('04364420e25c512fd958a70738aa8f72');
    expect(toHex(md5(bytes('x'.repeat(56))))).toBe('668a72d5ba17f08e62dabcafad6db14b');
    expect(toHex(md5(bytes('x'.repeat(64))))).toBe('c1bb4f81d892b2d57947682aeb252456');
  });
});

describe('hmacMd5', () => {
  it('RFC 2202 test cases 1 and 2', () => {
    expect(toHex(hmacMd5(new Uint8Array(16).fill(0x0b), bytes('Hi There')))).toBe('9294727a3638bb1c13f48ef8158bfc9d');
    expect(toHex(hmacMd5(bytes('Jefe'), bytes('what do ya want for nothing?')))).toBe('750c783e6ab0b503eaa86e310a5db738');
  });

  it('RFC 2202 test case 6: a key longer than the block is hashed first', () => {
    const key = new Uint8Array(80).fill(0xaa);
    expect(toHex(hmacMd5(key, bytes('Test Using Larger Than Block-Size Key - Hash Key First')))).toBe('6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd');
  });

  it('RFC 2195: the CRAM-MD5 example', () => {
    const digest = hmacMd5(bytes('tanstaaftanstaaf'), bytes('<1896.697170952@postoffice.reston.mci.net>'));
    expect(toHex(digest)).toBe('b913a602c7eda7a495b4e6e7334d3890');
  });
});

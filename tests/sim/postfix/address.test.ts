import { describe, expect, it } from 'vitest';
import { extractEnvelopeAddress, splitAddress } from '../../../src/sim/postfix/address';

const mail = (a: string) => extractEnvelopeAddress(a, { allowEmpty: true, strict: false });
const rcpt = (a: string) => extractEnvelopeAddress(a, { allowEmpty: false, strict: false });

describe('extractEnvelopeAddress', () => {
  it.each([
    ['<obama@whitehouse.com>', 'obama@whitehouse.com'],
    ['obama@whitehouse.com', 'obama@whitehouse.com'],
    ['ansible', 'ansible'],
    ['<@relay1,@relay2:user@example.com>', 'user@example.com'],
    ['<"two words"@example.com>', '"two words"@example.com'],
    ['<user@[127.0.0.1]>', 'user@[127.0.0.1]'],
    ['<first.last@example.com.>', 'first.last@example.com.'],
    ['<"alice"@example.com>', 'alice@example.com'],
    ['<<a@b.c>>', 'a@b.c'],
    ['a@b.c>', 'a@b.c'],
    ['<a@b@example.net>', 'a@b@example.net'],
    ['<@example.com>', '@example.com'],
  ])('accepts %s (checked against Postfix 3.7)', (arg, address) => {
    expect(mail(arg)).toEqual({ ok: true, address, warn: false });
  });

  it.each(['<two words@example.com>', '<a b>', '<a@b> c', '<a@b,c@d>', '<a@>', '<a@-b>', '<a@[x]>', '<a>b>'])('refuses %s and logs a warning', (arg) => {
    expect(rcpt(arg)).toMatchObject({ ok: false, warn: true });
  });

  it.each(['<unclosed@example.com', '<a<b>', '<a"b@c>'])('refuses %s without a warning', (arg) => {
    expect(rcpt(arg)).toMatchObject({ ok: false, warn: false });
  });

  it('allows the null sender for MAIL only', () => {
    expect(mail('<>')).toEqual({ ok: true, address: '', warn: false });
    expect(rcpt('<>').ok).toBe(false);
  });

  it('requires <> with strict_rfc821_envelopes', () => {
    expect(extractEnvelopeAddress('a@b.c', { allowEmpty: false, strict: true }).ok).toBe(false);
  });
});

describe('splitAddress', () => {
  it('splits at the last @ outside quotes', () => {
    expect(splitAddress('"a@b"@example.com')).toEqual({ local: '"a@b"', domain: 'example.com' });
    expect(splitAddress('ansible')).toEqual({ local: 'ansible', domain: undefined });
  });
});

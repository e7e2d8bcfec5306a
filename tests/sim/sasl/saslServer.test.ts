import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/sim/core/rng';
import { AuthPenalty } from '../../../src/sim/sasl/authPenalty';
import { base64OfText } from '../../../src/sim/sasl/base64';
import { cramMd5Digest } from '../../../src/sim/sasl/cramMd5Mechanism';
import { PasswdFile } from '../../../src/sim/sasl/passwdFile';
import { createSaslServer, formatUsername, type SaslServerOptions } from '../../../src/sim/sasl/saslServer';
import type { SaslStep } from '../../../src/sim/sasl/types';

const users = new PasswdFile([
  { user: 'alice', password: 'wonderland' },
  { user: 'bob', password: 'builder' },
]);
const EPOCH = Date.parse('2024-01-01T09:00:00Z');

function server(extra: Partial<SaslServerOptions> = {}) {
  let now = 0;
  const s = createSaslServer({
    type: 'dovecot',
    mechanisms: ['plain', 'login', 'cram-md5'],
    backend: users,
    rng: new Rng(7),
    hostname: 'mail.example.com',
    epochNow: () => EPOCH + now,
    now: () => now,
    ...extra,
  });
  return { s, advance: (ms: number) => (now += ms) };
}

const plain = (authz: string, user: string, pass: string) => base64OfText(`${authz}\0${user}\0${pass}`);
const decode = (b64: string) => atob(b64);

describe('createSaslServer', () => {
  it('offers the configured mechanisms in order, upper-cased, unknown ones left out', () => {
    const { s } = server({ mechanisms: ['login', 'plain', 'digest-md5', 'login'] });
    expect(s.mechanisms()).toEqual(['LOGIN', 'PLAIN']);
    expect(s.begin('DIGEST-MD5')).toBeUndefined();
    expect(s.begin('plain')?.mechanism).toBe('PLAIN');
  });

  it('PLAIN with an initial response', () => {
    const { s } = server();
    expect(s.begin('PLAIN')!.start(plain('', 'alice', 'wonderland'))).toMatchObject({ kind: 'success', user: 'alice', backend: 'passwd-file' });
  });

  it('PLAIN without one: an empty challenge first', () => {
    const { s } = server();
    const x = s.begin('PLAIN')!;
    expect(x.start()).toEqual({ kind: 'challenge', data: '' });
    expect(x.next(plain('', 'bob', 'builder'))).toMatchObject({ kind: 'success', user: 'bob' });
  });

  it('PLAIN: authzid equal to the user is fine, another one is refused', () => {
    const { s } = server();
    expect(s.begin('PLAIN')!.start(plain('alice', 'alice', 'wonderland')).kind).toBe('success');
    expect(s.begin('PLAIN')!.start(plain('bob', 'alice', 'wonderland'))).toMatchObject({ kind: 'failure', reason: 'bad-credentials', user: 'alice' });
  });

  it('LOGIN prompts Username: and Password:', () => {
    const { s } = server();
    const x = s.begin('LOGIN')!;
    const first = x.start();
    expect(first).toEqual({ kind: 'challenge', data: 'VXNlcm5hbWU6' });
    expect(x.next(base64OfText('alice'))).toEqual({ kind: 'challenge', data: 'UGFzc3dvcmQ6' });
    expect(x.next(base64OfText('wonderland'))).toMatchObject({ kind: 'success', user: 'alice' });
  });

  it('LOGIN with the user name as initial response asks for the password at once', () => {
    const { s } = server();
    expect(s.begin('LOGIN')!.start('YWxpY2U=')).toEqual({ kind: 'challenge', data: 'UGFzc3dvcmQ6' });
  });

  it('CRAM-MD5: a <digits.time@host> challenge and the HMAC-MD5 check', () => {
    const { s } = server();
    const x = s.begin('CRAM-MD5')!;
    const step = x.start() as Extract<SaslStep, { kind: 'challenge' }>;
    const challenge = decode(step.data);
    expect(challenge).toMatch(/^<\d{16}\.1704099600@mail\.example\.com>$/);
    expect(x.next(base64OfText(`alice ${cramMd5Digest(challenge, 'wonderland')}`))).toMatchObject({ kind: 'success', user: 'alice' });
    const y = s.begin('CRAM-MD5')!;
    const c2 = decode((y.start() as { data: string }).data);
    expect(c2).not.toBe(challenge);
    expect(y.next(base64OfText(`alice ${cramMd5Digest(c2, 'queen')}`))).toMatchObject({ kind: 'failure', reason: 'bad-credentials', user: 'alice' });
  });

  it('Cyrus CRAM-MD5 challenges are <u32.(time mod 0xFFFFFF)@host>', () => {
    const { s } = server({ type: 'cyrus' });
    const step = s.begin('CRAM-MD5')!.start() as { data: string };
    expect(decode(step.data)).toMatch(new RegExp(`^<\\d+\\.${Math.floor(EPOCH / 1000) % 0xffffff}@mail\\.example\\.com>$`));
  });

  it('a cancelled exchange and malformed base64', () => {
    const { s } = server();
    const x = s.begin('LOGIN')!;
    x.start();
    expect(x.next('*')).toEqual({ kind: 'failure', reason: 'cancelled' });
    expect(s.begin('PLAIN')!.start('!!!!')).toEqual({ kind: 'failure', reason: 'malformed', message: 'Invalid base64 data in initial response' });
    const y = s.begin('PLAIN')!;
    y.start();
    expect(y.next('YWI')).toEqual({ kind: 'failure', reason: 'malformed', message: 'Invalid base64 data in continued response' });
  });

  it("Cyrus reports its own reasons: authentication failure (unknown user or wrong password), bad protocol, another step", () => {
    const { s } = server({ type: 'cyrus' });
    // recorded with sasldb: an unknown user is an "authentication failure" too (smtp-cyrus-plain-unknown-user)
    expect(s.begin('PLAIN')!.start(plain('', 'mallory', 'x'))).toMatchObject({ reason: 'bad-credentials', user: 'mallory', message: 'authentication failure' });
    // "AUTH PLAIN =": Cyrus wants another step (smtp-cyrus-plain-empty-initial-response); Dovecot just fails
    expect(s.begin('PLAIN')!.start('=')).toEqual({ kind: 'failure', reason: 'malformed', message: 'another step is needed in authentication' });
    expect(server().s.begin('PLAIN')!.start('=')).toMatchObject({ kind: 'failure', reason: 'bad-credentials' });
    expect(s.begin('PLAIN')!.start(plain('', 'alice', 'x'))).toMatchObject({ message: 'authentication failure' });
    expect(s.begin('PLAIN')!.start(base64OfText('abc'))).toMatchObject({ message: 'bad protocol / cancel' });
    expect(s.begin('PLAIN')!.start('YWI')).toMatchObject({ reason: 'malformed', message: 'another step is needed in authentication' });
  });

  it("Dovecot's auth_username_format %Lu lower-cases the user", () => {
    const { s } = server();
    expect(s.begin('PLAIN')!.start(plain('', 'ALICE', 'wonderland'))).toMatchObject({ kind: 'success', user: 'alice' });
    const { s: c } = server({ type: 'cyrus' });
    expect(c.begin('PLAIN')!.start(plain('', 'ALICE', 'wonderland')).kind).toBe('failure');
  });

  it('formatUsername', () => {
    expect(formatUsername('%Lu', 'Alice@Example.COM')).toBe('alice@example.com');
    expect(formatUsername('%n', 'alice@example.com')).toBe('alice');
    expect(formatUsername('%Ld', 'alice@Example.com')).toBe('example.com');
  });
});

describe("Dovecot's failure delay and penalty", () => {
  it('a failed login waits auth_failure_delay; a good one does not', () => {
    const { s } = server();
    expect(s.begin('PLAIN', { address: '10.0.0.1' })!.start(plain('', 'alice', 'x')).delayMs).toBe(2000);
    const { s: t } = server();
    expect(t.begin('PLAIN', { address: '10.0.0.1' })!.start(plain('', 'alice', 'wonderland')).delayMs).toBeUndefined();
  });

  it('the same address waits 4 s, then 8 s more before the next attempt; 15 s of quiet forgive it', () => {
    const { s, advance } = server();
    const attempt = (pass: string) => s.begin('PLAIN', { address: '10.0.0.1' })!.start(plain('', 'alice', pass)).delayMs;
    expect(attempt('a')).toBe(2000);
    advance(2000);
    expect(attempt('b')).toBe(4000 + 2000);
    advance(6000);
    expect(attempt('c')).toBe(8000 + 2000);
    advance(10000 + 15000);
    expect(attempt('d')).toBe(2000);
    // Another address is not slowed down.
    expect(s.begin('PLAIN', { address: '10.0.0.2' })!.start(plain('', 'alice', 'e')).delayMs).toBe(2000);
  });

  it('a success clears the penalty', () => {
    const penalty = new AuthPenalty();
    const { s, advance } = server({ penalty });
    s.begin('PLAIN', { address: '10.0.0.9' })!.start(plain('', 'alice', 'a'));
    advance(2000);
    expect(s.begin('PLAIN', { address: '10.0.0.9' })!.start(plain('', 'alice', 'wonderland'))).toMatchObject({ kind: 'success', delayMs: 4000 });
    expect(penalty.current('10.0.0.9', 2000)).toBe(0);
  });

  it('malformed input is refused at once, without penalty', () => {
    const { s } = server();
    expect(s.begin('PLAIN', { address: '10.0.0.1' })!.start('!!!!').delayMs).toBeUndefined();
    expect(s.begin('PLAIN', { address: '10.0.0.1' })!.start(plain('', 'alice', 'x')).delayMs).toBe(2000);
  });
});

/**
 * smtpd_sasl_security_options under each SASL implementation: Dovecot drops mechanisms that have
 * a refused property, Cyrus keeps those that have every asked-for one. With only PLAIN and LOGIN
 * (the lab's Dovecot), "noanonymous, noplaintext" leaves nothing: the recording of
 * smtp-auth-noplaintext-security-option shows smtpd stop with "no SASL authentication mechanisms".
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/sim/core/rng';
import { PasswdFile } from '../../../src/sim/sasl/passwdFile';
import { createSaslServer } from '../../../src/sim/sasl/saslServer';
import { mechanismAllowed, parseSecurityOptions, withSecurityOptions } from '../../../src/sim/sasl/securityOptions';

function server(type: 'dovecot' | 'cyrus', mechanisms: string[]) {
  return createSaslServer({ type, mechanisms, backend: new PasswdFile([{ user: 'alice', password: 'wonderland' }]), rng: new Rng(1), hostname: 'mail.example.com', epochNow: () => 0 });
}

describe('smtpd_sasl_security_options', () => {
  it('reads the option words, commas or spaces between them', () => {
    expect(parseSecurityOptions('noanonymous, noplaintext')).toEqual(['noanonymous', 'noplaintext']);
    expect(parseSecurityOptions('NOANONYMOUS noactive bogus')).toEqual(['noanonymous', 'noactive']);
  });

  it('the default (noanonymous) keeps everything under both', () => {
    const dovecot = server('dovecot', ['plain', 'login', 'cram-md5']);
    expect(withSecurityOptions(dovecot, 'noanonymous')).toBe(dovecot);
    const cyrus = server('cyrus', ['PLAIN', 'LOGIN', 'CRAM-MD5']);
    expect(withSecurityOptions(cyrus, 'noanonymous')?.mechanisms()).toEqual(['PLAIN', 'LOGIN', 'CRAM-MD5']);
  });

  it('noplaintext leaves CRAM-MD5, or nothing when only PLAIN and LOGIN are configured', () => {
    const restricted = withSecurityOptions(server('dovecot', ['plain', 'login', 'cram-md5']), 'noanonymous, noplaintext')!;
    expect(restricted.mechanisms()).toEqual(['CRAM-MD5']);
    expect(restricted.begin('PLAIN')).toBeUndefined();
    expect(restricted.begin('cram-md5')?.mechanism).toBe('CRAM-MD5');
    expect(withSecurityOptions(server('dovecot', ['plain', 'login']), 'noanonymous, noplaintext')).toBeUndefined();
    expect(withSecurityOptions(server('cyrus', ['PLAIN', 'LOGIN', 'CRAM-MD5']), 'noplaintext')?.mechanisms()).toEqual(['CRAM-MD5']);
  });

  it('noactive: Dovecot drops CRAM-MD5 only, Cyrus has no mechanism that resists active attacks', () => {
    expect(mechanismAllowed('dovecot', 'PLAIN', ['noactive'])).toBe(true);
    expect(mechanismAllowed('dovecot', 'CRAM-MD5', ['noactive'])).toBe(false);
    expect(withSecurityOptions(server('cyrus', ['PLAIN', 'LOGIN', 'CRAM-MD5']), 'noactive')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { expandMailVars, resolveMailLocation } from '../../../src/sim/dovecot/mailLocation';

describe('resolveMailLocation', () => {
  it.each([
    ['mbox:~/mail:INBOX=/var/mail/%u', { format: 'mbox', inbox: '/var/mail/alice', root: '/home/alice/mail' }],
    ['maildir:~/Maildir', { format: 'maildir', inbox: '/home/alice/Maildir/', root: '/home/alice/Maildir' }],
    ['maildir:~/Maildir:LAYOUT=fs', { format: 'maildir', inbox: '/home/alice/Maildir/', root: '/home/alice/Maildir' }],
    ['mbox:/var/spool/mail/%u/folders:INBOX=/var/spool/mail/%u', { format: 'mbox', inbox: '/var/spool/mail/alice', root: '/var/spool/mail/alice/folders' }],
    ['mbox:~/mail', { format: 'mbox', inbox: '/var/mail/alice', root: '/home/alice/mail' }],
  ])('%s', (location, expected) => {
    expect(resolveMailLocation(location, 'alice', '/home/alice')).toEqual(expected);
  });

  it('expands %u, %n, %d, %h and ~', () => {
    expect(expandMailVars('/var/vmail/%d/%n', 'Bob@Example.com', '/h')).toBe('/var/vmail/Example.com/Bob');
    expect(expandMailVars('%h/x/%Lu', 'Bob', '/home/bob')).toBe('/home/bob/x/bob');
    expect(expandMailVars('~/mail', 'bob', '/home/bob')).toBe('/home/bob/mail');
  });
});

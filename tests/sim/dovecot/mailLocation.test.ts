import { describe, expect, it } from 'vitest';
import { expandMailVars, resolveMailLocation } from '../../../src/sim/dovecot/mailLocation';

describe('resolveMailLocation', () => {
  it.each([
    ['mbox:~/mail:INBOX=/var/mail/%u', { format: 'mbox', inbox: '/var/mail/alice', root: '/home/alice/mail', separator: '/' }],
    // Maildir++ (the default layout) separates folder levels with "." (recorded: imap-maildir-folders)
    ['maildir:~/Maildir', { format: 'maildir', inbox: '/home/alice/Maildir/', root: '/home/alice/Maildir', separator: '.' }],
    ['maildir:~/Maildir:LAYOUT=fs', { format: 'maildir', inbox: '/home/alice/Maildir/', root: '/home/alice/Maildir', separator: '/' }],
    ['mbox:/var/spool/mail/%u/folders:INBOX=/var/spool/mail/%u', { format: 'mbox', inbox: '/var/spool/mail/alice', root: '/var/spool/mail/alice/folders', separator: '/' }],
    ['mbox:~/mail', { format: 'mbox', inbox: '/var/mail/alice', root: '/home/alice/mail', separator: '/' }],
  ])('%s', (location, expected) => {
    expect(resolveMailLocation(location, 'alice', '/home/alice')).toEqual(expected);
  });

  it('expands %u, %n, %d, %h and ~', () => {
    expect(expandMailVars('/var/vmail/%d/%n', 'Bob@Example.com', '/h')).toBe('/var/vmail/Example.com/Bob');
    expect(expandMailVars('%h/x/%Lu', 'Bob', '/home/bob')).toBe('/home/bob/x/bob');
    expect(expandMailVars('~/mail', 'bob', '/home/bob')).toBe('/home/bob/mail');
  });
});

/**
 * newaliases, postalias, postmap: building the indexed tables the daemons read and querying
 * them, with the warnings and errors the real tools print (recorded from Postfix 3.7.11).
 */
import { describe, expect, it } from 'vitest';
import { lesson, maskPids, Session } from './helpers';

describe('newaliases', () => {
  it('rebuilds /etc/aliases.db: an alias added to the text file works only after newaliases', () => {
    const sh = new Session(lesson());
    sh.type("echo 'webmaster: alice' >> /etc/aliases");
    expect(sh.type('postalias -q webmaster /etc/aliases')).toEqual([]);
    expect(sh.terminal.lastExitStatus).toBe(1);
    expect(sh.type('newaliases')).toEqual([]);
    expect(sh.type('postalias -q webmaster /etc/aliases')).toEqual(['alice']);
    expect(sh.type('postalias -q STAFF hash:/etc/aliases')).toEqual(['ansible, alice']);
  });

  it('prints and logs postalias warnings, a duplicate reported against the .db', () => {
    const sh = new Session(lesson());
    sh.terminal.host.fs.write('/etc/aliases', 'postmaster: root\nbadline\nstaff: root\nstaff: ansible\n  alice\nempty:\n');
    const from = sh.logLength;
    const warnings = [
      'warning: /etc/aliases, line 2: need name:value pair',
      'warning: /etc/aliases.db: duplicate entry: "staff"',
      'warning: /etc/aliases, line 6: need name:value pair',
    ];
    expect(sh.type('sendmail -bi')).toEqual(warnings.map((w) => `postalias: ${w}`));
    expect(maskPids(sh.log(from))).toEqual(warnings.map((w) => `postfix/postalias[PID]: ${w}`));
    expect(sh.type('postalias -q staff /etc/aliases')).toEqual(['root']);
  });

  it('reads alias_database as main.cf says now', () => {
    const sh = new Session(lesson());
    sh.type("postconf -e 'alias_database = hash:/etc/nosuch'");
    expect(sh.type('newaliases')).toEqual(['postalias: fatal: open /etc/nosuch: No such file or directory']);
    expect(sh.terminal.lastExitStatus).toBe(1);
  });
});

describe('postmap', () => {
  it('builds a table and answers -q like the real postmap', () => {
    const sh = new Session(lesson());
    sh.terminal.host.fs.write('/etc/postfix/access', 'a@example.com OK\nbadline\nb REJECT\nb OK\n');
    expect(sh.type('postmap /etc/postfix/access')).toEqual([
      'postmap: warning: /etc/postfix/access, line 2: expected format: key whitespace value',
      'postmap: warning: /etc/postfix/access.db: duplicate entry: "b"',
    ]);
    expect(sh.type('postmap -q a@example.com /etc/postfix/access')).toEqual(['OK']);
    expect(sh.type('postmap -q A@EXAMPLE.COM hash:/etc/postfix/access')).toEqual(['OK']);
    expect(sh.type('postmap -q b hash:/etc/postfix/access')).toEqual(['REJECT']);
    expect(sh.type('postmap -q nokey hash:/etc/postfix/access')).toEqual([]);
    expect(sh.terminal.lastExitStatus).toBe(1);
  });

  it.each([
    ['postmap /etc/postfix/nosuch', 'postmap: fatal: open /etc/postfix/nosuch: No such file or directory'],
    ['postmap -q x /etc/postfix/nosuch', 'postmap: fatal: open database /etc/postfix/nosuch.db: No such file or directory'],
    ['postmap', 'postmap: fatal: usage: postmap [-bfFhimnNoprsuUvw] [-c config_dir] [-d key] [-q key] [map_type:]file...'],
    ['postmap -q x foo:/bar', 'postmap: fatal: unsupported dictionary type: foo'],
    ['postmap cidr:/etc/postfix/x', 'postmap: fatal: unsupported dictionary type: cidr does not support bulk-mode creation.'],
  ])('%s', (command, line) => {
    const sh = new Session(lesson());
    const from = sh.logLength;
    expect(sh.type(command)).toEqual([line]);
    expect(maskPids(sh.log(from))).toEqual([line.replace(/^postmap: /, 'postfix/postmap[PID]: ')]);
  });

  it('queries cidr and regexp tables from their text', () => {
    const sh = new Session(lesson());
    sh.terminal.host.fs.write('/etc/postfix/clients.cidr', '10.0.0.0/8 OK\n');
    expect(sh.type('postmap -q 10.1.2.3 cidr:/etc/postfix/clients.cidr')).toEqual(['OK']);
  });
});

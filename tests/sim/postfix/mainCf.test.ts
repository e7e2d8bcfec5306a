import { describe, expect, it } from 'vitest';
import { editMainCf, parseMainCf } from '../../../src/sim/postfix/mainCf';

describe('parseMainCf', () => {
  it('joins continuation lines with one space, as postconf -n shows them', () => {
    const r = parseMainCf('smtpd_recipient_restrictions =\n    permit_mynetworks,\n\treject_unauth_destination\n');
    expect(r.params.get('smtpd_recipient_restrictions')).toBe('permit_mynetworks, reject_unauth_destination');
    expect(r.problems).toEqual([]);
  });

  it('ignores comments and blank lines, and lets a later entry win with a warning', () => {
    const r = parseMainCf('# comment\nmyhostname = mail.example.com\n\n  # indented comment\nmyhostname = other.example.com\n');
    expect(r.params.get('myhostname')).toBe('other.example.com');
    expect(r.problems).toEqual([{ level: 'warning', line: 5, text: '/etc/postfix/main.cf, line 5: overriding earlier entry: myhostname=mail.example.com' }]);
  });

  it('refuses a line without "=" the way postconf does', () => {
    const r = parseMainCf('broken line here\nmyhostname = a.b.c\n');
    expect(r.problems[0]).toEqual({ level: 'fatal', line: 1, text: `/etc/postfix/main.cf, line 1: missing '=' after attribute name: "broken line here"` });
    expect(r.params.get('myhostname')).toBe('a.b.c');
  });

  it('warns about a first line that starts with white space', () => {
    const r = parseMainCf('  leading = x\nmyhostname = a.b.c\n');
    expect(r.problems).toEqual([{ level: 'warning', text: '/etc/postfix/main.cf: logical line must not start with whitespace: "  leading = x"' }]);
    expect(r.params.has('leading')).toBe(false);
  });

  it('accepts "name=value" without spaces', () => {
    expect(parseMainCf('mydomain=example.com').params.get('mydomain')).toBe('example.com');
  });
});

describe('editMainCf (postconf -e)', () => {
  it('changes a parameter in place and keeps comments', () => {
    const out = editMainCf('# top\nmyhostname = a\nmydomain = b\n', new Map([['myhostname', 'mail.example.com']]));
    expect(out).toBe('# top\nmyhostname = mail.example.com\nmydomain = b\n');
  });

  it('replaces a value with continuation lines and appends new parameters', () => {
    const out = editMainCf('mynetworks =\n  10.0.0.0/8,\n  127.0.0.0/8\nbiff = no\n', new Map([['mynetworks', '192.168.1.0/24'], ['inet_protocols', 'ipv4']]));
    expect(out).toBe('mynetworks = 192.168.1.0/24\nbiff = no\ninet_protocols = ipv4\n');
  });
});

import { describe, expect, it } from 'vitest';
import { parseImapArgs } from '../../../../src/sim/dovecot/imap/imapArgs';
import { parseCommandHead } from '../../../../src/sim/dovecot/imap/imapCommand';
import { ImapCommandReader } from '../../../../src/sim/dovecot/imap/imapReader';

describe('parseImapArgs', () => {
  it('atoms, quoted strings, lists and literals', () => {
    expect(parseImapArgs('alice "won der\\"land" (\\Seen $Junk) {3}\r\nabc NIL')).toEqual({
      ok: true,
      args: [
        { type: 'atom', value: 'alice' },
        { type: 'string', value: 'won der"land' },
        { type: 'list', items: [{ type: 'atom', value: '\\Seen' }, { type: 'atom', value: '$Junk' }] },
        { type: 'literal', value: 'abc' },
        { type: 'atom', value: 'NIL' },
      ],
    });
  });

  it('keeps a fetch section with spaces in one atom', () => {
    const r = parseImapArgs('1 (FLAGS BODY.PEEK[HEADER.FIELDS (FROM TO)]<0.100>)');
    expect(r.ok && r.args[1]).toEqual({
      type: 'list',
      items: [{ type: 'atom', value: 'FLAGS' }, { type: 'atom', value: 'BODY.PEEK[HEADER.FIELDS (FROM TO)]<0.100>' }],
    });
  });

  it.each([
    ['(ALL', "Missing ')'"],
    ['1 (FLAGS))', "Unexpected ')'"],
    ['"INBOX', "Missing '\"'"],
    ['SUBJECT café', '8bit data in atom'],
  ])('%j -> %s', (text, error) => {
    expect(parseImapArgs(text)).toEqual({ ok: false, error });
  });
});

describe('parseCommandHead', () => {
  it.each([
    ['a1 LOGIN alice x', { ok: true, tag: 'a1', name: 'LOGIN', uid: false, rest: 'alice x' }],
    ['A7 uid fetch 1 flags', { ok: true, tag: 'A7', name: 'FETCH', uid: true, rest: '1 flags' }],
    ['a1', { ok: false, tag: 'a1' }],
    ['a3 UID', { ok: false, tag: 'a3' }],
    ['* NOOP', { ok: false }],
    ['+ NOOP', { ok: false }],
    ['a{1 NOOP', { ok: false }],
    ['', { ok: false }],
  ])('%j', (text, head) => {
    expect(parseCommandHead(text)).toEqual(head);
  });
});

describe('ImapCommandReader', () => {
  it('joins lines around literals and invites synchronizing ones', () => {
    const invites: string[] = [];
    const r = new ImapCommandReader((partial) => {
      invites.push(partial);
      return true;
    });
    expect(r.push('a1 LOGIN {5}')).toBeUndefined();
    expect(invites).toEqual(['a1 LOGIN {5}']);
    expect(r.push('alice {10+}')).toBeUndefined();
    expect(r.push('wonderland')).toBe('a1 LOGIN {5}\r\nalice {10+}\r\nwonderland');
    expect(invites).toHaveLength(1);
  });

  it('a literal spanning lines counts their CRLFs', () => {
    const r = new ImapCommandReader(() => true);
    r.push('a2 APPEND INBOX {26}');
    r.push('Subject: hi');
    r.push('');
    expect(r.push('hello there')).toBe('a2 APPEND INBOX {26}\r\nSubject: hi\r\n\r\nhello there');
  });

  it('drops a command the server refused before its literal', () => {
    const r = new ImapCommandReader(() => false);
    expect(r.push('a5 APPEND Nowhere {5}')).toBeUndefined();
    expect(r.pending).toBe(false);
    expect(r.push('a6 NOOP')).toBe('a6 NOOP');
  });
});

import { describe, expect, it } from 'vitest';
import { parseImapArgs } from '../../../../src/sim/dovecot/imap/imapArgs';
import { parseSearch } from '../../../../src/sim/dovecot/imap/imapSearchParse';
import { baseSubject } from '../../../../src/sim/dovecot/imap/imapSortThread';

const parse = (text: string) => {
  const args = parseImapArgs(text);
  if (!args.ok) throw new Error(args.error);
  return parseSearch(args.args);
};

describe('SEARCH criteria', () => {
  it('reads keys into a tree', () => {
    expect(parse('CHARSET UTF-8 OR FROM bob (SUBJECT "x y" UNSEEN) NOT 2:*')).toEqual({
      ok: true,
      keywords: [],
      key: {
        op: 'and',
        keys: [
          { op: 'or', a: { op: 'header', field: 'FROM', value: 'bob' }, b: { op: 'and', keys: [{ op: 'header', field: 'SUBJECT', value: 'x y' }, { op: 'flag', flag: '\\Seen', set: false }] } },
          { op: 'not', key: { op: 'seq', ranges: [{ from: 2, to: '*' }], saved: false } },
        ],
      },
    });
    expect(parse('SENTBEFORE 4-Jan-2024 LARGER 100 KEYWORD $Junk')).toMatchObject({ ok: true, keywords: ['$Junk'] });
  });

  it.each([
    ['', 'Missing search parameters'],
    ['FOO', 'Unknown argument FOO'],
    ['SUBJECT', 'Missing parameter for search key (for search key: SUBJECT)'],
    ['OR FROM bob', 'Missing argument'],
    ['NOT', 'Missing argument'],
    ['BEFORE x', 'Invalid search date parameter'],
    ['LARGER x', 'Invalid search size parameter'],
  ])('%j -> %s', (text, error) => {
    expect(parse(text)).toEqual({ ok: false, error });
  });
});

describe('base subjects (SORT SUBJECT, THREAD ORDEREDSUBJECT)', () => {
  it.each([
    ['Re: Lunch', 'lunch'],
    ['RE: Fwd: [lab] Lunch (fwd)', 'lunch'],
    ['=?UTF-8?Q?Caf=C3=A9_tonight?=', 'café tonight'],
    ['  Meeting   notes ', 'meeting notes'],
  ])('%j -> %j', (subject, base) => {
    expect(baseSubject(subject)).toBe(base);
  });
});

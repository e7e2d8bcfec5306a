import { describe, expect, it } from 'vitest';
import { parseAddressList } from '../../../../src/sim/dovecot/imap/addressList';
import { decodeEncodedWords } from '../../../../src/sim/dovecot/imap/encodedWords';
import { bodyStructure } from '../../../../src/sim/dovecot/imap/imapBodystructure';
import { envelope } from '../../../../src/sim/dovecot/imap/imapEnvelope';
import { parseSection, sectionName, sectionText } from '../../../../src/sim/dovecot/imap/imapSection';
import { parseSequenceSet, setContains, strictSequences, uidSetText } from '../../../../src/sim/dovecot/imap/imapSequence';
import { parseMessage } from '../../../../src/sim/dovecot/imap/mimeMessage';
import { toCrlf } from '../../../../src/sim/dovecot/wireText';

const ALTERNATIVE = toCrlf(
  'From: "Dave Jones" <dave@example.net>\nTo: Alice <alice@example.com>, bob@example.com\nSubject: =?UTF-8?Q?Caf=C3=A9_tonight?=\n' +
    'MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary="b1"\n\nThis is a multi-part message in MIME format.\n--b1\n' +
    'Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable\n\nCaf=C3=A9 at 8?\n.hidden dot line\n--b1\n' +
    'Content-Type: text/html; charset=UTF-8\n\n<p>Caf&eacute; at 8?</p>\n--b1--\n',
);

describe('sequence sets', () => {
  it.each([
    ['1', [1]],
    ['2:4', [2, 3, 4]],
    ['4:2', [2, 3, 4]],
    ['1,3:*', [1, 3, 4, 5]],
    ['*', [5]],
  ])('%s in a mailbox of 5', (text, seqs) => {
    expect(strictSequences(parseSequenceSet(text)!.ranges, 5)).toEqual(seqs);
  });

  it('numbers past the end are refused for FETCH/STORE, ignored for UIDs', () => {
    expect(strictSequences(parseSequenceSet('6')!.ranges, 5)).toBeUndefined();
    expect(strictSequences(parseSequenceSet('0')!.ranges, 5)).toBeUndefined();
    expect(setContains(parseSequenceSet('9:*')!.ranges, 7, 7)).toBe(true);
    expect(parseSequenceSet('x')).toBeUndefined();
    expect(uidSetText([1, 2, 3, 5, 7, 8])).toBe('1:3,5,7:8');
  });
});

describe('MIME parts and sections', () => {
  const msg = parseMessage(ALTERNATIVE);

  it('splits parts at boundaries, the CRLF before a boundary belonging to it', () => {
    expect(msg.contentType).toEqual({ type: 'multipart', subtype: 'alternative', rawType: 'multipart', rawSubtype: 'alternative', params: [['boundary', 'b1']] });
    expect(msg.children.map((c) => c.body)).toEqual(['Caf=C3=A9 at 8?\r\n.hidden dot line', '<p>Caf&eacute; at 8?</p>']);
  });

  it.each([
    ['', ''],
    ['HEADER', 'HEADER'],
    ['TEXT', 'TEXT'],
    ['1', '1'],
    ['2.MIME', '2.MIME'],
    ['header.fields (from to)', 'HEADER.FIELDS (FROM TO)'],
    ['1.HEADER.FIELDS.NOT (X)', '1.HEADER.FIELDS.NOT (X)'],
  ])('BODY[%s] is answered as BODY[%s]', (text, name) => {
    expect(sectionName(parseSection(text)!)).toBe(name);
  });

  it.each(['FOO', 'MIME', 'HEADER.FIELDS ()', 'HEADER.FIELDS', '0', 'TEXT (X)'])('BODY[%s] is invalid', (text) => {
    expect(parseSection(text)).toBeUndefined();
  });

  it('takes the bytes a section names', () => {
    expect(sectionText(msg, ALTERNATIVE, parseSection('2.MIME')!)).toBe('Content-Type: text/html; charset=UTF-8\r\n\r\n');
    expect(sectionText(msg, ALTERNATIVE, parseSection('HEADER.FIELDS (SUBJECT FROM)')!)).toBe(
      'From: "Dave Jones" <dave@example.net>\r\nSubject: =?UTF-8?Q?Caf=C3=A9_tonight?=\r\n\r\n',
    );
    expect(sectionText(msg, ALTERNATIVE, parseSection('3')!)).toBe('');
    const single = parseMessage('Subject: x\r\n\r\nbody\r\n');
    expect(sectionText(single, 'Subject: x\r\n\r\nbody\r\n', parseSection('1')!)).toBe('body\r\n');
  });
});

describe('ENVELOPE and BODYSTRUCTURE', () => {
  it('writes the envelope with raw subjects and parsed addresses', () => {
    expect(envelope(parseMessage(ALTERNATIVE))).toBe(
      '(NIL "=?UTF-8?Q?Caf=C3=A9_tonight?=" (("Dave Jones" NIL "dave" "example.net")) (("Dave Jones" NIL "dave" "example.net")) ' +
        '(("Dave Jones" NIL "dave" "example.net")) (("Alice" NIL "alice" "example.com")(NIL NIL "bob" "example.com")) NIL NIL NIL NIL)',
    );
  });

  it('describes a multipart/alternative message', () => {
    expect(bodyStructure(parseMessage(ALTERNATIVE), true)).toBe(
      '(("text" "plain" ("charset" "UTF-8") NIL NIL "quoted-printable" 33 1 NIL NIL NIL NIL)("text" "html" ("charset" "UTF-8") NIL NIL "7bit" 24 0 NIL NIL NIL NIL) "alternative" ("boundary" "b1") NIL NIL NIL)',
    );
    expect(bodyStructure(parseMessage(ALTERNATIVE), false)).toBe(
      '(("text" "plain" ("charset" "UTF-8") NIL NIL "quoted-printable" 33 1)("text" "html" ("charset" "UTF-8") NIL NIL "7bit" 24 0) "alternative")',
    );
  });

  it('a message without Content-Type is us-ascii text', () => {
    expect(bodyStructure(parseMessage('Subject: x\r\n\r\nHi\r\nthere\r\n'), true)).toBe('("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 11 2 NIL NIL NIL NIL)');
  });

  it('address lists: comments, quotes, groups, routes', () => {
    expect(parseAddressList('MAILER-DAEMON@mail.example.com (Mail Delivery System)')).toEqual([{ name: 'Mail Delivery System', mailbox: 'MAILER-DAEMON', host: 'mail.example.com' }]);
    expect(parseAddressList('"Doe, John" <john@x.org>, jane@y.org')).toEqual([{ name: 'Doe, John', mailbox: 'john', host: 'x.org' }, { mailbox: 'jane', host: 'y.org' }]);
    expect(parseAddressList('Friends: a@x, b@y;')).toEqual([{ mailbox: 'Friends' }, { mailbox: 'a', host: 'x' }, { mailbox: 'b', host: 'y' }, {}]);
    expect(parseAddressList('<@relay.net:joe@z.com>')).toEqual([{ adl: '@relay.net', mailbox: 'joe', host: 'z.com' }]);
  });

  it('decodes encoded words for searching', () => {
    expect(decodeEncodedWords('=?UTF-8?Q?Caf=C3=A9_tonight?=')).toBe('Café tonight');
    expect(decodeEncodedWords('=?ISO-8859-1?B?QXLpbmE=?= and =?utf-8?q?x?= =?utf-8?q?y?=')).toBe('Aréna and xy');
  });
});

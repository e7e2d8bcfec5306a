/**
 * IMAP details as Dovecot 2.3.19 answers them (each expectation is what the real server said in
 * tests/conformance/recorded2): ENABLE, LIST-EXTENDED, mbox directories, CONDSTORE's
 * UNCHANGEDSINCE, SEARCH CHARSET, APPEND argument errors, UID sets, line limits.
 */
import { describe, expect, it } from 'vitest';
import { MAILDIR_CONF, SAVED, session } from '../sessionHelper';

const LOGIN = 'a1 LOGIN alice wonderland';

describe('ENABLE', () => {
  it('says "* ENABLED" only for what it switched on now', () => {
    const r = session('imap', [LOGIN, 'a2 ENABLE CONDSTORE', 'a3 ENABLE FOOBAR', 'a4 ENABLE CONDSTORE QRESYNC']).replies;
    expect(r[2]).toEqual(['* ENABLED CONDSTORE', 'a2 OK Enabled.']);
    expect(r[3]).toEqual(['a3 OK Enabled.']);
    expect(r[4]).toEqual(['* ENABLED QRESYNC', 'a4 OK Enabled.']);
  });
});

describe('LIST', () => {
  it('LIST (SUBSCRIBED) lists the subscribed mailboxes with \\Subscribed and no children flags', () => {
    const r = session('imap', [LOGIN, 'a2 SUBSCRIBE Saved', 'a3 SUBSCRIBE INBOX', 'a4 LIST (SUBSCRIBED) "" "*"', 'a5 LIST "" "*"'], { 'alice/Saved': [SAVED] }).replies;
    // a lookup of the file by name sees mail nobody has read yet: \Marked
    expect(r[4]).toEqual(['* LIST (\\Subscribed \\NoInferiors \\Marked) "/" Saved', '* LIST (\\Subscribed) "/" INBOX', 'a4 OK List completed.']);
    expect(r[5]).toEqual(['* LIST (\\NoInferiors) "/" Saved', '* LIST (\\HasNoChildren) "/" INBOX', 'a5 OK List completed.']);
  });

  it('RETURN (SUBSCRIBED CHILDREN) marks the subscribed ones in a full listing', () => {
    const r = session('imap', [LOGIN, 'a2 SUBSCRIBE Saved', 'a3 LIST "" "*" RETURN (SUBSCRIBED CHILDREN)'], { 'alice/Saved': [SAVED] }).replies;
    expect(r[3]).toEqual(['* LIST (\\Subscribed \\NoInferiors) "/" Saved', '* LIST (\\HasNoChildren) "/" INBOX', 'a3 OK List completed.']);
  });

  it('a renamed folder is the newest entry of the mail root', () => {
    const r = session('imap', [LOGIN, 'a2 RENAME Saved Archive', 'a3 LIST "" "*"'], { 'alice/Saved': [SAVED], 'alice/Attachments': [SAVED] }).replies;
    expect(r[3]).toEqual(['* LIST (\\NoInferiors) "/" Archive', '* LIST (\\NoInferiors) "/" Attachments', '* LIST (\\HasNoChildren) "/" INBOX', 'a3 OK List completed.']);
  });
});

describe('mbox directories', () => {
  it('CREATE Work/Projects makes the directory Work; Notes/ makes a directory only', () => {
    const r = session('imap', [LOGIN, 'a2 CREATE Work/Projects', 'a3 CREATE Notes/', 'a4 LIST "" "*"', 'a5 DELETE Work', 'a6 DELETE Work/Projects', 'a7 LIST "" "*"']).replies;
    expect(r[4]).toEqual([
      '* LIST (\\Noselect \\HasNoChildren) "/" Notes',
      '* LIST (\\Noselect \\HasChildren) "/" Work',
      '* LIST (\\NoInferiors) "/" Work/Projects',
      '* LIST (\\HasNoChildren) "/" INBOX',
      'a4 OK List completed.',
    ]);
    expect(r[5]).toEqual(['a5 NO Mailbox has children, delete them first.']);
    expect(r[6]).toEqual(['a6 OK Delete completed.']);
    expect(r[7]).toEqual(['* LIST (\\Noselect \\HasNoChildren) "/" Notes', '* LIST (\\Noselect \\HasNoChildren) "/" Work', '* LIST (\\HasNoChildren) "/" INBOX', 'a7 OK List completed.']);
  });

  it('a directory is not selectable, exists for CREATE, renames with its children and goes once empty', () => {
    const r = session('imap', [
      LOGIN, 'a2 CREATE Work/Projects', 'a3 SELECT Work', 'a4 STATUS Work (MESSAGES)', 'a5 CREATE Work',
      ['a6 APPEND Work {17+}', 'Subject: x', '', 'y', ''], 'a7 RENAME Work Job', 'a8 LIST "" "*"', 'a9 DELETE Job/Projects', 'b1 DELETE Job', 'b2 LIST "" "*"',
    ]).replies;
    expect(r[3]).toEqual(["a3 NO Mailbox isn't selectable."]);
    expect(r[4]).toEqual(["a4 NO Mailbox isn't selectable."]);
    expect(r[5]).toEqual(['a5 NO [ALREADYEXISTS] Mailbox already exists.']);
    expect(r[6]).toEqual(["a6 NO [TRYCREATE] Mailbox isn't selectable."]);
    expect(r[7]).toEqual(['a7 OK Rename completed.']);
    expect(r[8]).toEqual(['* LIST (\\Noselect \\HasChildren) "/" Job', '* LIST (\\NoInferiors) "/" Job/Projects', '* LIST (\\HasNoChildren) "/" INBOX', 'a8 OK List completed.']);
    expect(r[10]).toEqual(['b1 OK Delete completed.']);
    expect(r[11]).toEqual(['* LIST (\\HasNoChildren) "/" INBOX', 'b2 OK List completed.']);
  });
});

describe('CONDSTORE', () => {
  it('SELECT (CONDSTORE) reports HIGHESTMODSEQ; STORE (UNCHANGEDSINCE) refuses newer messages', () => {
    const r = session('imap', [LOGIN, 'a2 SELECT INBOX (CONDSTORE)', 'a3 STORE 1 (UNCHANGEDSINCE 1) +FLAGS (\\Seen)', 'a4 STORE 1 (UNCHANGEDSINCE 2) +FLAGS (\\Seen)']).replies;
    expect(r[2]).toContain('* OK [HIGHESTMODSEQ 2] Highest');
    expect(r[3]).toEqual(['a3 OK [MODIFIED 1] Conditional store failed.']);
    expect(r[4]).toEqual(['* 1 FETCH (MODSEQ (3) FLAGS (\\Seen \\Recent))', 'a4 OK Store completed.']);
  });
});

describe('SEARCH', () => {
  it('a charset iconv does not know is NO [BADCHARSET]; known ones search', () => {
    const r = session('imap', [LOGIN, 'a2 SELECT INBOX', 'a3 SEARCH CHARSET BOGUS SUBJECT meeting', 'a4 SEARCH CHARSET KOI8 SUBJECT meeting', 'a5 SEARCH CHARSET iso-8859-1 ALL']).replies;
    expect(r[3]).toEqual(['a3 NO [BADCHARSET] Unknown charset.']);
    expect(r[4]).toEqual(['* SEARCH 2', 'a4 OK Search completed.']);
    expect(r[5]).toEqual(['* SEARCH 1 2 3', 'a5 OK Search completed.']);
  });
});

describe('APPEND and sets', () => {
  it('names what is missing', () => {
    const r = session('imap', [LOGIN, 'a2 APPEND INBOX', 'a3 APPEND', 'a4 APPEND INBOX (\\Seen)', 'a5 APPEND INBOX (\\Seen) "not a date" abc']).replies;
    expect(r[2]).toEqual(['a2 BAD Error in IMAP command APPEND: Missing message size.']);
    expect(r[3]).toEqual(['a3 BAD Error in IMAP command APPEND: Missing arguments.']);
    expect(r[4]).toEqual(['a4 BAD Error in IMAP command APPEND: Missing message size.']);
    expect(r[5]).toEqual(['a5 BAD Error in IMAP command APPEND: Invalid arguments.']);
  });

  it('a UID command calls a bad set an invalid uidset, and names itself UID FETCH', () => {
    const r = session('imap', [LOGIN, 'a2 SELECT INBOX', 'a3 UID FETCH 0 FLAGS', 'a4 FETCH 0 FLAGS', 'a5 UID FETCH 1,,2 FLAGS']).replies;
    expect(r[3]).toEqual(['a3 BAD Error in IMAP command UID FETCH: Invalid uidset.']);
    expect(r[4]).toEqual(['a4 BAD Error in IMAP command FETCH: Invalid messageset.']);
    expect(r[5]).toEqual(['a5 BAD Error in IMAP command UID FETCH: Invalid uidset.']);
  });
});

describe('line limits', () => {
  it('imap-login gives up on a line that does not fit its 1024-byte buffer', () => {
    const s = session('imap', [`a1 LOGIN ${'x'.repeat(2000)} secret`, 'a2 LOGOUT']);
    expect(s.replies[1]).toEqual(['* BYE Input buffer full, aborting']);
    expect(s.replies[2]).toEqual([]);
    expect(s.maillog[0]).toMatch(/^dovecot: imap-login: Disconnected: Input buffer full \(no auth attempts in 0 secs\): user=<>,/);
  });

  it('after login a line over imap_max_line_length is a BAD and the session goes on', () => {
    const r = session('imap', [LOGIN, 'a2 SELECT INBOX', `a3 SEARCH SUBJECT ${'x'.repeat(70000)}`, 'a4 NOOP']).replies;
    expect(r[3]).toEqual(['a3 BAD Error in IMAP command SEARCH: Too long argument.']);
    expect(r[4]).toEqual(['a4 OK NOOP completed.']);
  });
});

describe('BODYSTRUCTURE', () => {
  it('a text part without a charset gets "charset" "us-ascii" after its own parameters', () => {
    const csv = 'Return-Path: <bob@example.net>\nFrom: bob@example.net\nSubject: csv\nMIME-Version: 1.0\nContent-Type: text/csv; name="report.csv"\n\na,b\n';
    const r = session('imap', [LOGIN, 'a2 SELECT Files', 'a3 FETCH 1 BODY'], { 'alice/Files': [csv] }).replies;
    expect(r[3][0]).toBe('* 1 FETCH (BODY ("text" "csv" ("name" "report.csv" "charset" "us-ascii") NIL NIL "7bit" 5 1))');
  });
});

describe('Maildir++ (mail_location = maildir:~/Maildir)', () => {
  it('separates levels with ".", refuses "/" in names and shows a parent that is no folder as \\Noselect', () => {
    const r = session('imap', [LOGIN, 'a2 NAMESPACE', 'a3 LIST "" ""', 'a4 CREATE Sent', 'a5 CREATE Work/Projects', 'a6 CREATE Work.Notes', 'a7 LIST "" "*"', 'a8 DELETE Sent', 'a9 LIST "" "%"'], { 'alice/Saved': [SAVED] }, MAILDIR_CONF).replies;
    expect(r[2]).toEqual(['* NAMESPACE (("" ".")) NIL NIL', 'a2 OK Namespace completed.']);
    expect(r[3]).toEqual(['* LIST (\\Noselect) "." ""', 'a3 OK List completed.']);
    expect(r[5]).toEqual(["a5 NO [CANNOT] Invalid mailbox name: Name must not have '/' characters."]);
    expect(r[7]).toEqual([
      '* LIST (\\Noselect \\HasChildren) "." Work',
      '* LIST (\\HasNoChildren) "." Work.Notes',
      '* LIST (\\HasNoChildren) "." Sent',
      '* LIST (\\HasNoChildren) "." Saved',
      '* LIST (\\HasNoChildren) "." INBOX',
      'a7 OK List completed.',
    ]);
    expect(r[9]).toEqual(['* LIST (\\Noselect \\HasChildren) "." Work', '* LIST (\\HasNoChildren) "." Saved', '* LIST (\\HasNoChildren) "." INBOX', 'a9 OK List completed.']);
  });

  it('an APPEND to the unselected INBOX moves what waits in new/ to cur/: only the new message is \\Recent', () => {
    const r = session('imap', [LOGIN, ['a2 APPEND INBOX (\\Seen) {12+}', 'Subject: x', ''], 'a3 SELECT INBOX'], {}, MAILDIR_CONF).replies;
    expect(r[2]).toEqual(['a2 OK [APPENDUID 1700000000 4] Append completed.']);
    expect(r[3]).toContain('* 1 RECENT');
  });
});

import type { Lesson } from '../types';
import { DOVECOT_CONF, LAB_USERS } from './dovecotConf';
import { mailServer, workstation } from './hosts';

const sh = (command: string) => ({ host: 'ws.example.com', action: 'shell' as const, command });

const MAILBOX = [
  'Return-Path: <bob@example.net>\nFrom: Bob <bob@example.net>\nTo: alice@example.com\nSubject: Lunch on Friday?\nDate: Mon, 1 Jan 2024 09:00:00 +0000\nMessage-ID: <lunch-1@example.net>\n\nHi Alice,\nshall we have lunch on Friday?\nBob\n',
  'Return-Path: <carol@example.com>\nFrom: Carol <carol@example.com>\nTo: alice@example.com\nSubject: Meeting notes\nDate: Tue, 2 Jan 2024 14:30:00 +0100\nMessage-ID: <notes-7@example.com>\n\nNotes from today\'s meeting:\n1. POP3 lab on Monday\n2. IMAP lab on Wednesday\n\nCarol\n',
];

export const FETCH_LESSON: Lesson = {
  id: 'fetch',
  title: { en: 'Fetching mail with POP3 and IMAP', 'zh-CN': '用 POP3 和 IMAP 收信' },
  summary: {
    en: 'Postfix delivers; Dovecot lets users read. POP3 (port 110) downloads messages and deletes them at QUIT; IMAP (port 143) keeps them on the server with flags and folders.',
    'zh-CN': 'Postfix 负责投递，Dovecot 负责让用户读信。POP3（110 端口）把邮件下载下来，在 QUIT 时删除；IMAP（143 端口）把邮件留在服务器上，支持标记和文件夹。',
  },
  scenario: {
    version: 2,
    title: 'POP3 and IMAP',
    seed: 37,
    start: '2024-01-03T09:00:00Z',
    hosts: [mailServer({}, { sasl: LAB_USERS, dovecot: { conf: DOVECOT_CONF }, mailboxes: { '/var/spool/mail/alice': MAILBOX }, uidvalidity: 1700000000 }), workstation()],
  },
  steps: [
    {
      id: 'pop3',
      text: {
        en: 'On ws.example.com: telnet mail.example.com 110, then USER alice, PASS wonderland, STAT, LIST, RETR 1, QUIT.',
        'zh-CN': '在 ws.example.com 上：telnet mail.example.com 110，然后依次输入 USER alice、PASS wonderland、STAT、LIST、RETR 1、QUIT。',
      },
      check: { kind: 'output', host: 'ws.example.com', matches: '^\\+OK 2 \\d+$' },
      solution: ['telnet mail.example.com 110', 'USER alice', 'PASS wonderland', 'STAT', 'LIST', 'RETR 1', 'QUIT'].map(sh),
    },
    {
      id: 'imap',
      text: {
        en: 'Now IMAP: telnet mail.example.com 143, then a1 LOGIN alice wonderland, a2 SELECT INBOX, a3 FETCH 2 (FLAGS BODY[HEADER.FIELDS (SUBJECT)]), a4 LOGOUT.',
        'zh-CN': '再试 IMAP：telnet mail.example.com 143，然后输入 a1 LOGIN alice wonderland、a2 SELECT INBOX、a3 FETCH 2 (FLAGS BODY[HEADER.FIELDS (SUBJECT)])、a4 LOGOUT。',
      },
      check: { kind: 'output', host: 'ws.example.com', matches: '^Subject: Meeting notes' },
      solution: ['telnet mail.example.com 143', 'a1 LOGIN alice wonderland', 'a2 SELECT INBOX', 'a3 FETCH 2 (FLAGS BODY[HEADER.FIELDS (SUBJECT)])', 'a4 LOGOUT'].map(sh),
    },
  ],
};

import type { Lesson } from '../types';
import { mailServer, remoteMx, workstation } from './hosts';

export const MAILLOG_LESSON: Lesson = {
  id: 'maillog',
  title: { en: 'Reading maillog to find why mail failed', 'zh-CN': '阅读 maillog，找出邮件失败的原因' },
  summary: {
    en: 'Every message leaves a trail: smtpd\'s connect and client= lines, cleanup\'s message-id, qmgr\'s from= and removed, and the delivery agent\'s status=sent, deferred or bounced with the reason in parentheses. grep the queue id to follow one message.',
    'zh-CN': '每封邮件都会留下痕迹：smtpd 的 connect 与 client= 行、cleanup 的 message-id、qmgr 的 from= 和 removed，以及投递程序的 status=sent、deferred 或 bounced，括号里是原因。用 grep 搜索队列号即可跟踪一封邮件。',
  },
  scenario: {
    version: 2,
    title: 'Reading maillog',
    seed: 29,
    hosts: [mailServer({ mynetworks_style: 'subnet' }, { aliases: 'postmaster: root\nhelpdesk: nobody-here\n' }), remoteMx(), workstation()],
    script: [
      { at: 1000, host: 'ws.example.com', action: 'send', server: 'mail.example.com', from: 'alice@example.com', to: ['helpdesk@example.com'], subject: 'Printer', body: 'It is on fire.' },
      { at: 3000, host: 'ws.example.com', action: 'send', server: 'mail.example.com', from: 'alice@example.com', to: ['carol@example.net'], subject: 'Hi', body: 'Hi Carol.' },
    ],
  },
  steps: [
    {
      id: 'watch',
      text: {
        en: 'Press Play. The workstation sends two messages through mail.example.com; watch where each one goes. One of them comes back.',
        'zh-CN': '按“播放”。工作站通过 mail.example.com 发出两封邮件；观察每封邮件的去向。其中一封会被退回。',
      },
      check: { kind: 'log', host: 'mail.example.com', matches: 'sender non-delivery notification' },
      solution: [],
    },
    {
      id: 'bounced',
      text: {
        en: 'One message bounced. On mail.example.com find it with grep status=bounced /var/log/maillog and read the reason in parentheses.',
        'zh-CN': '有一封邮件被退回了。在 mail.example.com 上用 grep status=bounced /var/log/maillog 找到它，读一读括号里的原因。',
      },
      check: { kind: 'output', host: 'mail.example.com', matches: 'status=bounced \\(unknown user: "nobody-here"\\)' },
      solution: [{ host: 'mail.example.com', action: 'shell', command: 'grep status=bounced /var/log/maillog' }],
    },
    {
      id: 'fix',
      text: {
        en: 'The alias helpdesk points to a user that does not exist. Point it to ansible in /etc/aliases, run newaliases, and send to helpdesk@example.com again.',
        'zh-CN': '别名 helpdesk 指向了一个不存在的用户。在 /etc/aliases 中把它改为 ansible，运行 newaliases，然后再给 helpdesk@example.com 发一次。',
      },
      check: { kind: 'mailbox', host: 'mail.example.com', path: '/var/spool/mail/ansible', contains: 'Subject: Printer again' },
      solution: [
        { host: 'mail.example.com', action: 'write', path: '/etc/aliases', text: 'postmaster: root\nhelpdesk: ansible\n' },
        { host: 'mail.example.com', action: 'shell', command: 'newaliases' },
        { host: 'ws.example.com', action: 'send', server: 'mail.example.com', from: 'alice@example.com', to: ['helpdesk@example.com'], subject: 'Printer again', body: 'Still burning.' },
      ],
    },
  ],
};

import type { Lesson } from '../types';
import { mailServer, remoteMx, workstation } from './hosts';

export const MXHOP_LESSON: Lesson = {
  id: 'mxhop',
  title: { en: 'Two domains and an MX hop', 'zh-CN': '两个域与一次 MX 转发' },
  summary: {
    en: 'Mail for another domain leaves through the smtp client: qmgr hands it over, the client asks DNS for the MX of the domain, connects to that host, and the other Postfix delivers it. Each hop adds a Received header.',
    'zh-CN': '发往其他域的邮件由 smtp 客户端送出：qmgr 把邮件交给它，它向 DNS 查询目标域的 MX，连接那台主机，再由对方的 Postfix 投递。每经过一跳都会多一个 Received 头。',
  },
  scenario: {
    version: 2,
    title: 'Two domains and an MX hop',
    seed: 19,
    hosts: [mailServer({ mynetworks_style: 'subnet' }), remoteMx(), workstation()],
  },
  steps: [
    {
      id: 'send',
      text: {
        en: 'From ws.example.com, send a message from alice@example.com to bob@example.net through mail.example.com. Follow the DNS query for the MX of example.net and the hop to mx.example.net.',
        'zh-CN': '从 ws.example.com 通过 mail.example.com 发一封信，发件人 alice@example.com，收件人 bob@example.net。观察对 example.net 的 MX 查询以及转发到 mx.example.net 的过程。',
      },
      check: { kind: 'mailbox', host: 'mx.example.net', path: '/var/mail/bob', contains: 'Received: from mail.example.com' },
      solution: [{ host: 'ws.example.com', action: 'send', server: 'mail.example.com', from: 'alice@example.com', to: ['bob@example.net'], subject: 'Lunch?', body: 'Friday at noon?' }],
    },
    {
      id: 'mx',
      text: { en: 'On mail.example.com, ask which host receives mail for example.net: dig mx example.net', 'zh-CN': '在 mail.example.com 上查看谁负责接收 example.net 的邮件：dig mx example.net' },
      check: { kind: 'output', host: 'mail.example.com', matches: 'IN\\s+MX\\s+10 mx\\.example\\.net\\.' },
      solution: [{ host: 'mail.example.com', action: 'shell', command: 'dig mx example.net' }],
    },
  ],
};

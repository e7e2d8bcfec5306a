import type { Lesson } from '../types';
import { mailServer, remoteMx, workstation } from './hosts';

export const DEFERRED_LESSON: Lesson = {
  id: 'deferred',
  title: { en: 'The deferred queue and bounces', 'zh-CN': '延迟队列与退信' },
  summary: {
    en: 'When the other server is down, Postfix keeps the message in the deferred queue and tries again later (minimal_backoff_time, queue_run_delay). When the other server says no for good, the sender gets a bounce from MAILER-DAEMON.',
    'zh-CN': '对方服务器宕机时，Postfix 把邮件放进 deferred 队列，稍后再试（minimal_backoff_time、queue_run_delay）。对方明确拒收时，发件人会收到 MAILER-DAEMON 发来的退信。',
  },
  scenario: {
    version: 2,
    title: 'Deferred queue and bounces',
    seed: 23,
    hosts: [mailServer({ mynetworks_style: 'subnet' }), { ...remoteMx(), up: false }, workstation()],
  },
  steps: [
    {
      id: 'defer',
      text: {
        en: 'mx.example.net is switched off. Send a message to bob@example.net and see it land in the deferred queue (mailq on mail.example.com shows why).',
        'zh-CN': 'mx.example.net 已经关机。给 bob@example.net 发一封信，观察它进入 deferred 队列（在 mail.example.com 上用 mailq 查看原因）。',
      },
      check: { kind: 'queue', host: 'mail.example.com', queue: 'deferred', count: 1 },
      solution: [{ host: 'ws.example.com', action: 'send', server: 'mail.example.com', from: 'alice@example.com', to: ['bob@example.net'], subject: 'Are you there?', body: 'Hello?' }],
    },
    {
      id: 'flush',
      text: { en: 'Switch mx.example.net on and run postqueue -f on mail.example.com to retry at once.', 'zh-CN': '打开 mx.example.net，然后在 mail.example.com 上运行 postqueue -f 立即重试。' },
      check: { kind: 'mailbox', host: 'mx.example.net', path: '/var/mail/bob', count: 1 },
      solution: [{ host: 'mx.example.net', action: 'up' }, { host: 'mail.example.com', action: 'shell', command: 'postqueue -f' }],
    },
    {
      id: 'bounce',
      text: {
        en: 'Now send to nosuchuser@example.net. mx.example.net refuses the recipient, and alice gets a bounce: "Undelivered Mail Returned to Sender".',
        'zh-CN': '再给 nosuchuser@example.net 发信。mx.example.net 拒绝这个收件人，alice 会收到退信：“Undelivered Mail Returned to Sender”。',
      },
      check: { kind: 'mailbox', host: 'mail.example.com', path: '/var/spool/mail/alice', contains: 'Subject: Undelivered Mail Returned to Sender' },
      solution: [{ host: 'ws.example.com', action: 'send', server: 'mail.example.com', from: 'alice@example.com', to: ['nosuchuser@example.net'], subject: 'Who is this?', body: 'Hello?' }],
    },
  ],
};

import type { Lesson } from '../types';
import { laptop, mailServer, remoteMx, workstation } from './hosts';

const sh = (command: string) => ({ host: 'mail.example.com', action: 'shell' as const, command });

export const RELAY_LESSON: Lesson = {
  id: 'relay',
  title: { en: 'Open relay and mynetworks', 'zh-CN': '开放中继与 mynetworks' },
  summary: {
    en: 'Postfix relays mail to other domains only for trusted clients: mynetworks (permit_mynetworks) or authenticated ones. Trust too many networks and the server becomes an open relay.',
    'zh-CN': 'Postfix 只为受信任的客户端向其他域中继邮件：mynetworks 中的客户端（permit_mynetworks）或已认证的客户端。信任的网络太多，服务器就成了开放中继。',
  },
  scenario: {
    version: 2,
    title: 'Open relay and mynetworks',
    seed: 13,
    hosts: [mailServer({ mynetworks: '127.0.0.0/8, 192.168.1.0/24, 10.0.0.0/8' }), workstation(), laptop(), remoteMx()],
    script: [{ at: 1000, host: 'laptop.example.com', action: 'send', server: 'mail.example.com', from: 'spammer@example.org', to: ['carol@example.net'], subject: 'Cheap pills', body: 'Relayed through you.' }],
  },
  steps: [
    {
      id: 'close',
      text: {
        en: 'The laptop at 10.0.0.8 is not ours, yet mail.example.com relays its mail. Make mail.example.com refuse to relay for 10.0.0.0/8 while the classroom 192.168.1.0/24 may still relay, then postfix reload.',
        'zh-CN': '地址为 10.0.0.8 的笔记本并不属于我们，mail.example.com 却为它中继邮件。让 mail.example.com 拒绝为 10.0.0.0/8 中继，同时教室网络 192.168.1.0/24 仍可中继，然后执行 postfix reload。',
      },
      hint: { en: 'postconf -e \'mynetworks = 127.0.0.0/8, 192.168.1.0/24\'', 'zh-CN': 'postconf -e \'mynetworks = 127.0.0.0/8, 192.168.1.0/24\'' },
      check: {
        kind: 'all',
        checks: [
          { kind: 'relay', host: 'mail.example.com', client: '10.0.0.8', recipient: 'carol@example.net', expect: 'reject' },
          { kind: 'relay', host: 'mail.example.com', client: '192.168.1.23', recipient: 'carol@example.net', expect: 'accept' },
        ],
      },
      solution: [sh("postconf -e 'mynetworks = 127.0.0.0/8, 192.168.1.0/24'"), sh('postfix reload')],
    },
    {
      id: 'try',
      text: { en: 'Let the laptop try again and read the answer: 454 4.7.1 Relay access denied.', 'zh-CN': '让笔记本再试一次，看服务器的回答：454 4.7.1 Relay access denied。' },
      check: { kind: 'reply', host: 'mail.example.com', matches: 'Relay access denied' },
      solution: [{ host: 'laptop.example.com', action: 'send', server: 'mail.example.com', from: 'spammer@example.org', to: ['carol@example.net'], subject: 'Again', body: 'Still relaying?' }],
    },
  ],
};

import type { Lesson } from '../types';
import { mailServer, workstation } from './hosts';

const sh = (host: string, command: string) => ({ host, action: 'shell' as const, command });
const ALIASES = 'postmaster: root\nstaff: ansible, alice\n';

export const ALIASES_LESSON: Lesson = {
  id: 'aliases',
  title: { en: 'Aliases and newaliases', 'zh-CN': '邮件别名与 newaliases' },
  summary: {
    en: '/etc/aliases maps one address to several mailboxes; Postfix reads the hashed /etc/aliases.db, which only newaliases rebuilds.',
    'zh-CN': '/etc/aliases 把一个地址映射到多个邮箱；Postfix 读取的是哈希后的 /etc/aliases.db，只有运行 newaliases 才会重建它。',
  },
  scenario: {
    version: 2,
    title: 'Aliases and newaliases',
    seed: 7,
    hosts: [mailServer({ mynetworks_style: 'subnet' }, { aliases: ALIASES }), workstation()],
  },
  steps: [
    {
      id: 'add',
      text: {
        en: 'Add the alias "sales: alice, bob" to /etc/aliases (Files panel, or echo \'sales: alice, bob\' >> /etc/aliases) and run newaliases. Until newaliases runs, mail to sales is refused as an unknown user.',
        'zh-CN': '在 /etc/aliases 中加入别名“sales: alice, bob”（在文件面板编辑，或者执行 echo \'sales: alice, bob\' >> /etc/aliases），然后运行 newaliases。在运行 newaliases 之前，发给 sales 的邮件会被当作未知用户拒绝。',
      },
      check: { kind: 'relay', host: 'mail.example.com', client: '192.168.1.23', recipient: 'sales@example.com', expect: 'accept' },
      solution: [{ host: 'mail.example.com', action: 'write', path: '/etc/aliases', text: `${ALIASES}sales: alice, bob\n` }, sh('mail.example.com', 'newaliases')],
    },
    {
      id: 'send',
      text: { en: 'Send a message to sales@example.com and watch it split into two deliveries.', 'zh-CN': '给 sales@example.com 发一封信，观察它被拆成两次投递。' },
      check: {
        kind: 'all',
        checks: [
          { kind: 'mailbox', host: 'mail.example.com', path: '/var/spool/mail/alice', contains: 'Subject: Quarterly numbers' },
          { kind: 'mailbox', host: 'mail.example.com', path: '/var/spool/mail/bob', contains: 'Subject: Quarterly numbers' },
        ],
      },
      solution: [{ host: 'ws.example.com', action: 'send', server: 'mail.example.com', from: 'boss@example.com', to: ['sales@example.com'], subject: 'Quarterly numbers', body: 'See you at 10.' }],
    },
  ],
};

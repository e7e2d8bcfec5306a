import type { Lesson } from '../types';
import { DOVECOT_CONF, LAB_USERS } from './dovecotConf';
import { laptop, mailServer, remoteMx } from './hosts';

const sh = (command: string) => ({ host: 'mail.example.com', action: 'shell' as const, command });

export const SASL_LESSON: Lesson = {
  id: 'sasl',
  title: { en: 'Relaying with SASL authentication', 'zh-CN': '使用 SASL 认证进行中继' },
  summary: {
    en: 'A laptop outside mynetworks may relay only after it proves who it is: smtpd_sasl_auth_enable = yes makes EHLO offer AUTH, and permit_sasl_authenticated lets authenticated clients relay. Postfix asks Dovecot\'s auth service to check the password.',
    'zh-CN': '不在 mynetworks 中的笔记本，必须先证明身份才能中继：smtpd_sasl_auth_enable = yes 让 EHLO 提供 AUTH，permit_sasl_authenticated 允许已认证的客户端中继。Postfix 请 Dovecot 的认证服务来核对密码。',
  },
  scenario: {
    version: 2,
    title: 'Relaying with SASL',
    seed: 31,
    hosts: [
      mailServer({ mynetworks_style: 'host' }, { sasl: LAB_USERS, dovecot: { conf: DOVECOT_CONF }, ccargs: '-DHAS_MYSQL -DUSE_SASL_AUTH -DUSE_CYRUS_SASL -DUSE_TLS' }),
      laptop(),
      remoteMx(),
    ],
  },
  steps: [
    {
      id: 'enable',
      text: {
        en: 'Turn SASL on: postconf -e smtpd_sasl_type=dovecot smtpd_sasl_path=private/auth smtpd_sasl_auth_enable=yes, then postfix reload. Check that EHLO now offers AUTH PLAIN LOGIN (telnet localhost 25, EHLO x).',
        'zh-CN': '打开 SASL：postconf -e smtpd_sasl_type=dovecot smtpd_sasl_path=private/auth smtpd_sasl_auth_enable=yes，再执行 postfix reload。确认 EHLO 现在提供 AUTH PLAIN LOGIN（telnet localhost 25，然后 EHLO x）。',
      },
      check: { kind: 'reply', host: 'mail.example.com', matches: '^250-AUTH PLAIN LOGIN$' },
      solution: [
        sh('postconf -e smtpd_sasl_type=dovecot smtpd_sasl_path=private/auth smtpd_sasl_auth_enable=yes'),
        sh('postfix reload'),
        sh('telnet localhost 25'),
        sh('EHLO x'),
        sh('QUIT'),
      ],
    },
    {
      id: 'relay',
      text: {
        en: 'From the laptop, send to carol@example.net with AUTH PLAIN as alice (password wonderland). The relay is allowed by permit_sasl_authenticated, and the maillog shows sasl_method=PLAIN, sasl_username=alice.',
        'zh-CN': '在笔记本上以 alice 的身份（密码 wonderland）用 AUTH PLAIN 发信给 carol@example.net。permit_sasl_authenticated 会允许这次中继，日志里可以看到 sasl_method=PLAIN, sasl_username=alice。',
      },
      check: {
        kind: 'all',
        checks: [
          { kind: 'log', host: 'mail.example.com', matches: 'sasl_method=PLAIN, sasl_username=alice' },
          { kind: 'mailbox', host: 'mx.example.net', path: '/var/mail/carol', count: 1 },
        ],
      },
      solution: [{ host: 'laptop.example.com', action: 'send', server: 'mail.example.com', from: 'alice@example.com', to: ['carol@example.net'], subject: 'From the road', body: 'Sent after AUTH.', auth: { user: 'alice', password: 'wonderland' } }],
    },
    {
      id: 'wrong',
      text: { en: 'Try a wrong password: the server answers 535 5.7.8 and still refuses to relay.', 'zh-CN': '试试错误的密码：服务器回答 535 5.7.8，仍然拒绝中继。' },
      check: { kind: 'reply', host: 'mail.example.com', matches: '^535 5\\.7\\.8 Error: authentication failed' },
      solution: [{ host: 'laptop.example.com', action: 'send', server: 'mail.example.com', from: 'alice@example.com', to: ['carol@example.net'], subject: 'Guess', body: 'x', auth: { user: 'alice', password: 'queen-of-hearts' } }],
    },
  ],
};

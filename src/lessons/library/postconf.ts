import type { Lesson } from '../types';
import { mailServer, workstation } from './hosts';

const sh = (command: string) => ({ host: 'mail.example.com', action: 'shell' as const, command });

export const POSTCONF_LESSON: Lesson = {
  id: 'postconf',
  title: { en: 'postconf and main.cf: old and new defaults', 'zh-CN': 'postconf 与 main.cf：新旧默认值' },
  summary: {
    en: 'postconf -n shows what main.cf sets, postconf -d the built-in defaults. compatibility_level 0 brings back Postfix 2.10\'s defaults (mynetworks_style = subnet); today\'s are safer. A bad value makes postfix reload refuse, with the same fatal error as on the course\'s machine.',
    'zh-CN': 'postconf -n 显示 main.cf 中改过的参数，postconf -d 显示内置默认值。compatibility_level = 0 会恢复 Postfix 2.10 的默认值（mynetworks_style = subnet）；新版本的默认值更安全。参数写错时 postfix reload 会拒绝执行，报出和课程里那台机器上一样的 fatal 错误。',
  },
  scenario: {
    version: 2,
    title: 'postconf and main.cf',
    seed: 11,
    hosts: [mailServer({ compatibility_level: '0', smtpd_recipient_restrictions: 'permit_mynetworks, reject_unauth_destination' }), workstation()],
  },
  steps: [
    {
      id: 'list',
      text: { en: 'On mail.example.com run postconf -n to see the settings main.cf changes.', 'zh-CN': '在 mail.example.com 上运行 postconf -n，查看 main.cf 中修改过的参数。' },
      check: { kind: 'output', host: 'mail.example.com', matches: '^compatibility_level = 0$' },
      solution: [sh('postconf -n')],
    },
    {
      id: 'break',
      text: {
        en: 'The course\'s mistake: set inet_protocols = IPv4 (capital letters) with postconf -e and run postfix reload. Read the fatal error in the maillog.',
        'zh-CN': '重现课程里的错误：用 postconf -e 把 inet_protocols 设为 IPv4（大写），再运行 postfix reload，然后在日志里找到 fatal 错误。',
      },
      check: { kind: 'log', host: 'mail.example.com', matches: 'fatal: unknown inet_protocols value "IPv4" in "IPv4"' },
      solution: [sh('postconf -e inet_protocols=IPv4'), sh('postfix reload')],
    },
    {
      id: 'fix',
      text: {
        en: 'Fix it (inet_protocols = ipv4), move to today\'s defaults (compatibility_level = 3.6) and run postfix reload again: the running Postfix kept its old settings until a reload succeeds.',
        'zh-CN': '改正它（inet_protocols = ipv4），把 compatibility_level 设为 3.6 使用新的默认值，再运行一次 postfix reload：在 reload 成功之前，正在运行的 Postfix 一直使用旧的设置。',
      },
      check: { kind: 'param', host: 'mail.example.com', name: 'mynetworks_style', equals: 'host' },
      solution: [sh('postconf -e inet_protocols=ipv4 compatibility_level=3.6'), sh('postfix reload')],
    },
  ],
};

import { DEFAULT_LESSON } from '../defaultLesson';
import type { Lesson } from '../types';
import { telnetLines } from './hosts';

const sh = (host: string, command: string) => ({ host, action: 'shell' as const, command });

export const TELNET_LESSON: Lesson = {
  id: 'telnet',
  title: { en: 'Local delivery over telnet', 'zh-CN': '用 telnet 完成本地投递' },
  summary: {
    en: 'Speak SMTP by hand to port 25, follow the message through smtpd, cleanup, the queues and local, and read it with mail.',
    'zh-CN': '手动向 25 端口说 SMTP，跟踪邮件经过 smtpd、cleanup、各个队列和 local，最后用 mail 命令读信。',
  },
  scenario: DEFAULT_LESSON,
  steps: [
    {
      id: 'watch',
      text: {
        en: 'Press Play. The workstation types the course\'s telnet session; watch the message pass the relay gate, the queues and the alias "staff", and land in two mailboxes.',
        'zh-CN': '按“播放”。工作站会输入课程里的 telnet 会话；观察邮件经过中继检查、各个队列和别名 staff，最后进入两个邮箱。',
      },
      check: { kind: 'mailbox', host: 'mail.example.com', path: '/var/spool/mail/ansible', count: 1 },
      solution: [],
    },
    {
      id: 'type',
      text: {
        en: 'Open a terminal on ws.example.com and send alice a message yourself: telnet mail.example.com 25, then HELO, MAIL FROM, RCPT TO, DATA, a Subject line, an empty line, the text and a single ".".',
        'zh-CN': '在 ws.example.com 上打开终端，自己给 alice 发一封信：telnet mail.example.com 25，然后依次输入 HELO、MAIL FROM、RCPT TO、DATA、Subject 行、一个空行、正文，最后单独一行“.”。',
      },
      hint: { en: 'The mail server answers 250 2.0.0 Ok: queued as ... when it has taken the message.', 'zh-CN': '服务器接受邮件后会回答 250 2.0.0 Ok: queued as ...' },
      check: { kind: 'mailbox', host: 'mail.example.com', path: '/var/spool/mail/alice', count: 2 },
      solution: [sh('ws.example.com', 'telnet mail.example.com 25'), ...telnetLines('student@example.com', 'alice', 'Hi alice', 'Typed by hand.').map((l) => sh('ws.example.com', l))],
    },
    {
      id: 'maillog',
      text: {
        en: 'On mail.example.com, read the end of the mail log: tail /var/log/maillog. Find the line where local delivered the message.',
        'zh-CN': '在 mail.example.com 上查看邮件日志的末尾：tail /var/log/maillog，找到 local 投递邮件的那一行。',
      },
      check: { kind: 'output', host: 'mail.example.com', matches: 'status=sent \\(delivered to mailbox\\)' },
      solution: [sh('mail.example.com', 'tail /var/log/maillog')],
    },
    {
      id: 'read',
      text: {
        en: 'Become ansible (su - ansible) and read the mailbox with mail; type 1 to show the first message, q to quit.',
        'zh-CN': '切换为 ansible 用户（su - ansible），用 mail 命令读信；输入 1 显示第一封，q 退出。',
      },
      check: { kind: 'output', host: 'mail.example.com', matches: '^Subject: How are you these days\\?' },
      solution: [sh('mail.example.com', 'su - ansible'), sh('mail.example.com', 'mail'), sh('mail.example.com', '1'), sh('mail.example.com', 'q')],
    },
  ],
};

import type { Lesson } from '../types';
import { mailServer, workstation } from './hosts';

const sh = (command: string) => ({ host: 'ws.example.com', action: 'shell' as const, command });

export const DNS_LESSON: Lesson = {
  id: 'dns',
  title: { en: 'DNS: MX, TXT and AAAA with nslookup', 'zh-CN': 'DNS：用 nslookup 查询 MX、TXT 与 AAAA 记录' },
  summary: {
    en: 'Mail finds its server through DNS: the MX record names the mail host of a domain, A and AAAA give its addresses, TXT records carry text such as SPF.',
    'zh-CN': '邮件通过 DNS 找到服务器：MX 记录指出一个域的邮件主机，A 和 AAAA 记录给出它的地址，TXT 记录保存文字，例如 SPF。',
  },
  scenario: { version: 2, title: 'DNS with nslookup', seed: 17, hosts: [mailServer(), workstation()] },
  steps: [
    {
      id: 'mx',
      text: { en: 'On ws.example.com ask for the mail exchanger of example.com: nslookup -q=mx example.com', 'zh-CN': '在 ws.example.com 上查询 example.com 的邮件交换记录：nslookup -q=mx example.com' },
      check: { kind: 'output', host: 'ws.example.com', matches: 'mail exchanger = 10 mail\\.example\\.com\\.' },
      solution: [sh('nslookup -q=mx example.com')],
    },
    {
      id: 'txt',
      text: { en: 'Read the TXT record of a.example.com, as in the course: nslookup -q=txt a.example.com', 'zh-CN': '像课程里那样查看 a.example.com 的 TXT 记录：nslookup -q=txt a.example.com' },
      check: { kind: 'output', host: 'ws.example.com', matches: 'text = "3213124123123"' },
      solution: [sh('nslookup -q=txt a.example.com')],
    },
    {
      id: 'aaaa',
      text: { en: 'Find the IPv6 address of mail.example.com: nslookup -q=aaaa mail.example.com', 'zh-CN': '查找 mail.example.com 的 IPv6 地址：nslookup -q=aaaa mail.example.com' },
      check: { kind: 'output', host: 'ws.example.com', matches: '^Address: 2001:db8::25$' },
      solution: [sh('nslookup -q=aaaa mail.example.com')],
    },
  ],
};

/**
 * The engine validates scenarios in English (it runs without the page and its languages); the
 * page shows each message in the interface language. A message is matched against the shapes
 * the validator writes; the quoted values and field names inside it are kept as they are. A
 * message no shape knows is shown in English rather than lost.
 */
import type { Lang } from './i18n.svelte';

type Shape = [RegExp, (m: RegExpExecArray) => string];

/** describe() in validate.ts: "a list", "null", a quoted text or a JavaScript type name. */
function what(v: string): string {
  const words: Record<string, string> = { 'a list': '列表', null: 'null', number: '数字', boolean: '布尔值', object: '对象', undefined: '空值', string: '文本' };
  return words[v] ?? v;
}

const ZH: Shape[] = [
  [/^must be an object, not (.+)$/, (m) => `应为对象，而不是${what(m[1])}`],
  [/^must be a list, not (.+)$/, (m) => `应为列表，而不是${what(m[1])}`],
  [/^must be text, not (.+)$/, (m) => `应为文本，而不是${what(m[1])}`],
  [/^must be text, a number or null, not (.+)$/, (m) => `应为文本、数字或 null，而不是${what(m[1])}`],
  [/^must be true or false, not (.+)$/, (m) => `应为 true 或 false，而不是${what(m[1])}`],
  [/^must be a whole number >= (\d+), not (.+)$/, (m) => `应为不小于 ${m[1]} 的整数，而不是${what(m[2])}`],
  [/^must be a whole number from (\d+) to (\d+), not (.+)$/, (m) => `应为 ${m[1]} 到 ${m[2]} 之间的整数，而不是${what(m[3])}`],
  [/^must be a port number 1-65535, not (.+)$/, (m) => `应为 1-65535 之间的端口号，而不是${what(m[1])}`],
  [/^must be a port number, not (.+)$/, (m) => `应为端口号，而不是${what(m[1])}`],
  [/^must be a TTL in seconds, not (.+)$/, (m) => `应为以秒为单位的 TTL，而不是${what(m[1])}`],
  [/^must be a time in ms >= 0, not (.+)$/, (m) => `应为不小于 0 的毫秒数，而不是${what(m[1])}`],
  [/^must be a terminal number from 1, not (.+)$/, (m) => `应为从 1 开始的终端编号，而不是${what(m[1])}`],
  [/^must be pop3 or imap, not (.+)$/, (m) => `应为 pop3 或 imap，而不是${what(m[1])}`],
  [/^must be server, workstation or internet, not (.+)$/, (m) => `应为 server、workstation 或 internet，而不是${what(m[1])}`],
  [/^must be one of (.+) — not (.+)$/, (m) => `应为 ${m[1]} 之一，而不是${what(m[2])}`],
  [/^must not be empty$/, () => '不能为空'],
  [/^must be an absolute path$/, () => '应为绝对路径'],
  [/^a file path must be absolute, e\.g\. (.+)$/, (m) => `文件路径必须是绝对路径，例如 ${m[1]}`],
  [/^a table path must be absolute, e\.g\. (.+)$/, (m) => `查找表路径必须是绝对路径，例如 ${m[1]}`],
  [/^needs at least one host$/, () => '至少需要一台主机'],
  [/^unknown field, ignored$/, () => '未知字段，已忽略'],
  [/^there is no host (".*")$/, (m) => `没有名为 ${m[1]} 的主机`],
  [/^(".*") is not a network$/, (m) => `${m[1]} 不是一个网络地址`],
  [/^(".*") is not an IP address$/, (m) => `${m[1]} 不是 IP 地址`],
  [/^(".*") is not an IPv4 address$/, (m) => `${m[1]} 不是 IPv4 地址`],
  [/^(".*") is not an IPv6 address$/, (m) => `${m[1]} 不是 IPv6 地址`],
  [/^(".*") has a bad prefix length$/, (m) => `${m[1]} 的前缀长度不正确`],
  [/^(.+) is already the address of (.+)$/, (m) => `${m[1]} 已经是 ${m[2]} 的地址`],
  [/^(".*") is not a host name$/, (m) => `${m[1]} 不是合法的主机名`],
  [/^(".*") is used by another host$/, (m) => `${m[1]} 已被另一台主机使用`],
  [/^(".*") is not a domain name$/, (m) => `${m[1]} 不是合法的域名`],
  [/^(".*") is not a user name \(lower case letters, digits, _ and -\)$/, (m) => `${m[1]} 不是合法的用户名（小写字母、数字、_ 和 -）`],
  [/^(".*") is not a parameter name$/, (m) => `${m[1]} 不是参数名`],
  [/^(".*") is not a record type mailsim knows \((.+)\)$/, (m) => `${m[1]} 不是 mailsim 支持的记录类型（${m[2]}）`],
  [/^(".*") is not "preference host", e\.g\. (".*")$/, (m) => `${m[1]} 不是“优先级 主机”格式，例如 ${m[2]}`],
  [/^(".*") is not an ISO date and time like (\S+)$/, (m) => `${m[1]} 不是 ISO 日期时间，例如 ${m[2]}`],
  [/^(".*") is not a time zone like (.+)$/, (m) => `${m[1]} 不是时区，例如 ${m[2]}`],
  [/^version (\d+) was made by a newer mailsim \(this one reads up to (\d+)\)$/, (m) => `版本 ${m[1]} 由更新的 mailsim 生成（当前版本最多读取到 ${m[2]}）`],
  [/^no migration from version (\d+)$/, (m) => `无法从版本 ${m[1]} 升级`],
];

export function issueText(message: string, lang: Lang): string {
  if (lang === 'en') return message;
  for (const [shape, text] of ZH) {
    const m = shape.exec(message);
    if (m) return text(m);
  }
  return message;
}

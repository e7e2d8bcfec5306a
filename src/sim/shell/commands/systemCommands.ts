/**
 * Everyday system commands around the mail lessons: useradd (a new account is at once a valid
 * local recipient), id, date in virtual time, which, and the editors — there is no full-screen
 * editor in this terminal, so vi/nano point to the Files panel.
 */
import { asctime } from '../../core/time';
import { postfixOf } from '../../services';
import { commandNames, registerCommand } from '../registry';
import type { CommandResult, ShellContext } from '../terminal';

registerCommand(['useradd', 'adduser'], (ctx, argv): CommandResult => {
  const tool = argv[0];
  const args = argv.slice(1);
  const name = args.filter((a, i) => !a.startsWith('-') && !/^-[cdegGkKpsuU]$/.test(args[i - 1] ?? '')).pop();
  if (!name) return { output: [`Usage: ${tool} [options] LOGIN`], exitStatus: 2 };
  if (ctx.user !== 'root') return { output: [`${tool}: Permission denied.`, `${tool}: cannot lock /etc/passwd; try again later.`], exitStatus: 1 };
  if (!/^[a-z_][a-z0-9_-]*\$?$/i.test(name) || name.length > 32) return { output: [`${tool}: invalid user name '${name}'`], exitStatus: 3 };
  if (!ctx.host.accounts.addUser(name)) return { output: [`${tool}: user '${name}' already exists`], exitStatus: 9 };
  ctx.world.trace.emit({ kind: 'note', host: ctx.host.name, level: 'info', text: `account ${name} added` });
  return { output: [], exitStatus: 0 };
});

registerCommand('id', (ctx, argv) => {
  const name = argv[1] ?? ctx.user;
  const a = ctx.host.accounts.get(name);
  if (!a) return { output: [`id: ‘${name}’: no such user`], exitStatus: 1 };
  const mailGroup = postfixOf(ctx.host) && a.name === 'postfix' ? ',mail' : '';
  return { output: [`uid=${a.uid}(${a.name}) gid=${a.uid}(${a.name}) groups=${a.uid}(${a.name})${mailGroup}`], exitStatus: 0 };
});

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** date +FORMAT with the common conversions. */
function strftime(ctx: ShellContext, format: string): string {
  const epoch = ctx.host.epochNow();
  const d = new Date(epoch + ctx.host.zone.offsetMinutes * 60_000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const off = ctx.host.zone.offsetMinutes;
  const z = `${off < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(off) / 60))}${pad(Math.abs(off) % 60)}`;
  const codes: Record<string, string> = {
    a: DAYS[d.getUTCDay()], b: MONTHS[d.getUTCMonth()], d: pad(d.getUTCDate()), e: String(d.getUTCDate()).padStart(2, ' '), H: pad(d.getUTCHours()),
    M: pad(d.getUTCMinutes()), S: pad(d.getUTCSeconds()), Y: String(d.getUTCFullYear()), m: pad(d.getUTCMonth() + 1), y: pad(d.getUTCFullYear() % 100),
    Z: ctx.host.zone.name, z, s: String(Math.floor(epoch / 1000)), F: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    T: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`, n: '\n', t: '\t', '%': '%',
  };
  return format.replace(/%(.)/g, (all, c: string) => codes[c] ?? all);
}

registerCommand('date', (ctx, argv) => {
  const arg = argv[1];
  if (arg?.startsWith('+')) return { output: strftime(ctx, arg.slice(1)).split('\n'), exitStatus: 0 };
  if (arg === '-R' || arg === '--rfc-email') return { output: [strftime(ctx, '%a, %d %b %Y %T %z')], exitStatus: 0 };
  if (arg !== undefined) return { output: [`date: invalid date ‘${arg}’`], exitStatus: 1 };
  // The course's CentOS prints the C-locale form: "Thu Apr 13 07:39:39 CST 2017".
  const t = asctime(ctx.host.epochNow(), ctx.host.zone);
  return { output: [`${t.slice(0, 19)} ${ctx.host.zone.name} ${t.slice(20)}`], exitStatus: 0 };
});

/** Where the commands live on a Debian 12 host with Postfix, mailx and the DNS tools installed. */
const SBIN = new Set(['postconf', 'postfix', 'postmap', 'postalias', 'postsuper', 'postqueue', 'postcat', 'sendmail', 'useradd', 'adduser', 'ifconfig', 'ip', 'service']);
const PATH_OF: Record<string, string> = { mailq: '/usr/bin/mailq', newaliases: '/usr/bin/newaliases', systemctl: '/usr/bin/systemctl', su: '/usr/bin/su' };
const BUILTINS = new Set(['echo', 'exit', 'logout', 'help', 'history', 'cd']);

registerCommand(['which', 'type'], (ctx, argv) => {
  const known = new Set(commandNames());
  const output: string[] = [];
  let status = 0;
  for (const name of argv.slice(1).filter((a) => !a.startsWith('-'))) {
    const needsPostfix = name.startsWith('post') || ['sendmail', 'mailq', 'newaliases'].includes(name);
    if (!known.has(name) || (needsPostfix && !postfixOf(ctx.host))) {
      status = 1;
      if (argv[0] === 'type') output.push(`-bash: type: ${name}: not found`);
      continue;
    }
    const path = PATH_OF[name] ?? `${SBIN.has(name) ? '/usr/sbin' : '/usr/bin'}/${name}`;
    if (argv[0] === 'type') output.push(BUILTINS.has(name) ? `${name} is a shell builtin` : `${name} is ${path}`);
    else if (!BUILTINS.has(name) || name === 'echo') output.push(name === 'echo' ? '/usr/bin/echo' : path);
  }
  return { output, exitStatus: status };
});

registerCommand(['vi', 'vim', 'nano', 'emacs', 'pico', 'ed'], (ctx, argv) => {
  const file = argv.slice(1).find((a) => !a.startsWith('-') && !a.startsWith('+'));
  if (!file) return { output: ['mailsim: there is no full-screen editor in this terminal; open a file in the Files panel (F)'], exitStatus: 1 };
  const path = ctx.terminal.resolvePath(file);
  const hint = path === '/etc/postfix/main.cf' ? ', or use postconf -e' : '';
  return { output: [`mailsim: edit ${path} in the Files panel (F)${hint}`], exitStatus: 1 };
});

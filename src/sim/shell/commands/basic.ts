/**
 * Small everyday commands: hostname, whoami, echo, su, exit, clear, help.
 */
import { commandNames, registerCommand } from '../registry';

registerCommand('hostname', (ctx, argv) => {
  const name = argv.includes('-f') ? ctx.host.name : ctx.host.name.split('.')[0];
  return { output: [name], exitStatus: 0 };
});

registerCommand('whoami', (ctx) => ({ output: [ctx.user], exitStatus: 0 }));

registerCommand('echo', (_ctx, argv) => ({ output: [argv.slice(1).join(' ')], exitStatus: 0 }));

registerCommand('su', (ctx, argv) => {
  const user = argv.filter((a) => a !== '-' && a !== '-l' && !a.startsWith('-'))[1] ?? 'root';
  if (!ctx.host.accounts.has(user)) return { output: [`su: user ${user} does not exist or the user entry does not contain all the required fields`], exitStatus: 1 };
  ctx.terminal.pushUser(user);
  return { output: [], exitStatus: 0 };
});

registerCommand(['exit', 'logout'], (ctx) => {
  if (ctx.terminal.popUser()) return { output: ['logout'], exitStatus: 0 };
  return { output: ['logout', '(this terminal stays open: close its tab to leave)'], exitStatus: 0 };
});

registerCommand('clear', () => ({ output: ['\x1b[2J'], exitStatus: 0 }));

registerCommand('help', () => ({
  output: ['Commands on this host:', `  ${commandNames().join(' ')}`],
  exitStatus: 0,
}));

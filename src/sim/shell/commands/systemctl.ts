/**
 * systemctl start|stop|restart|reload|status|is-active postfix, and `service postfix ...`.
 * On Debian 12 postfix.service is a wrapper (ExecStart=/bin/true) and the mail system runs as
 * postfix@-.service: starting it prints nothing on the terminal (postfix-script's lines go to
 * the journal and the maillog), and a broken main.cf shows only in the maillog.
 */
import type { SimHost } from '../../host/simHost';
import type { PostfixInstance } from '../../postfix/postfix';
import { postfixOf } from '../../services';
import { registerCommand } from '../registry';
import type { CommandResult, ShellContext } from '../terminal';
import { masterPid, runLifecycle } from './postfixLifecycle';
import { serviceStatus } from './systemctlStatus';

const UNIT = /^postfix(@-)?(\.service)?$/;

registerCommand('systemctl', (ctx, argv) => {
  const args = argv.slice(1).filter((a) => !a.startsWith('-'));
  const [verb, unit] = args;
  if (!verb) return { output: ['Too few arguments.'], exitStatus: 1 };
  if (!unit) return { output: [`Too few arguments.`], exitStatus: 1 };
  return systemctl(ctx, verb, unit);
});

/** service postfix start: Debian's service(8) hands the request to systemctl. */
registerCommand('service', (ctx, argv) => {
  const [unit, verb] = argv.slice(1);
  if (!unit || !verb) return { output: ['Usage: service < option > | --status-all | [ service_name [ command | --full-restart ] ]'], exitStatus: 1 };
  return systemctl(ctx, verb, unit);
});

function systemctl(ctx: ShellContext, verb: string, unit: string): CommandResult {
  const postfix = postfixOf(ctx.host);
  if (!UNIT.test(unit) || !postfix) {
    const name = unit.includes('.') ? unit : `${unit}.service`;
    if (verb === 'status') return { output: [`Unit ${name} could not be found.`], exitStatus: 4 };
    return { output: [`Failed to ${verb} ${name}: Unit ${name} not found.`], exitStatus: 5 };
  }
  const needsRoot = ['start', 'stop', 'restart', 'reload', 'try-restart', 'reload-or-restart'].includes(verb);
  if (needsRoot && ctx.user !== 'root') {
    return { output: [`Failed to ${verb} ${unit.replace(/(\.service)?$/, '.service')}: Access denied`, `See system logs and 'systemctl status ${unit.replace(/(\.service)?$/, '.service')}' for details.`], exitStatus: 1 };
  }
  switch (verb) {
    case 'start':
      if (!postfix.running) runLifecycle(ctx.host, postfix, 'start');
      return quiet();
    case 'stop':
      if (postfix.running) runLifecycle(ctx.host, postfix, 'stop');
      return quiet();
    case 'restart':
    case 'try-restart':
    case 'reload-or-restart':
      if (postfix.running) runLifecycle(ctx.host, postfix, 'stop');
      runLifecycle(ctx.host, postfix, 'start');
      return quiet();
    case 'reload':
      if (postfix.running) runLifecycle(ctx.host, postfix, 'reload');
      return quiet();
    case 'is-active':
      return isActive(ctx.host, postfix, unit);
    case 'status':
      return serviceStatus(ctx.host, postfix, unit.startsWith('postfix@') ? 'instance' : 'wrapper', masterPid(postfix));
    case 'enable':
    case 'disable':
      return quiet();
    default:
      return { output: [`Unknown command verb ${verb}.`], exitStatus: 1 };
  }
}

function quiet(): CommandResult {
  return { output: [], exitStatus: 0 };
}

/** The wrapper stays "active" whatever the mail system does; the instance follows it. */
function isActive(host: SimHost, postfix: PostfixInstance, unit: string): CommandResult {
  void host;
  if (!unit.startsWith('postfix@')) return { output: ['active'], exitStatus: 0 };
  return postfix.running ? { output: ['active'], exitStatus: 0 } : { output: [postfix.fatal ? 'failed' : 'inactive'], exitStatus: 3 };
}

/**
 * postfix [-c config_dir] [-Dv] command: the Postfix control program. Only root may run it.
 */
import { registerCommand } from '../registry';
import { getopt } from './getopt';
import { runLifecycle } from './postfixLifecycle';
import { CONFIG_DIRECTORY, isResult, requirePostfix } from './postfixTools';

const USAGE = 'postfix: fatal: usage: postfix [-c config_dir] [-Dv] command';

registerCommand('postfix', (ctx, argv) => {
  const postfix = requirePostfix(ctx, argv[0]);
  if (isResult(postfix)) return postfix;
  const parsed = getopt(argv.slice(1), 'c:Dv');
  if (parsed.error) return { output: [`postfix: ${parsed.error}`, USAGE], exitStatus: 1 };
  const dir = parsed.options.filter((o) => o.flag === 'c').pop()?.arg;
  if (dir !== undefined && dir.replace(/\/+$/, '') !== CONFIG_DIRECTORY) {
    return { output: [`postfix: fatal: open ${dir}/main.cf: No such file or directory`], exitStatus: 1 };
  }
  if (ctx.user !== 'root') return { output: ['postfix: fatal: to submit mail, use the Postfix sendmail command'], exitStatus: 1 };
  const result = runLifecycle(ctx.host, postfix, parsed.operands[0] ?? '');
  return { output: result.lines, exitStatus: result.exitStatus };
});

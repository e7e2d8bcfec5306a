/**
 * mailq, postqueue (-p listing, -j JSON, -f flush, -i one message) and postsuper (-d delete,
 * -h hold, -H release), with Postfix 3.7's messages on the terminal and in the maillog:
 *
 *   postsuper: 64A4C20CBF3: removed
 *   postsuper: Deleted: 1 message
 */
import type { QueueName } from '../../core/trace';
import type { PostfixInstance } from '../../postfix/postfix';
import type { QueueFile } from '../../postfix/queue/queueStore';
import { registerCommand } from '../registry';
import type { CommandResult, ShellContext } from '../terminal';
import { getopt } from './getopt';
import { flushQueue } from './postfixLifecycle';
import { fatal, isResult, logAs, requirePostfix } from './postfixTools';
import { queueJson, queueListing } from './queueListing';

const POSTQUEUE_USAGE = 'usage: postqueue -f | postqueue -i queueid | postqueue -j | postqueue -p | postqueue -s site';
const POSTSUPER_USAGE =
  'usage: postsuper [-c config_dir] [-d queue_id (delete)] [-e queue_id (expire)] [-f queue_id (expire and/or un-hold)] [-h queue_id (hold)] [-H queue_id (un-hold)] [-p (purge temporary files)] [-r queue_id (requeue)] [-s (structure fix)] [-S (redundant structure fix)][-v (verbose)] [queue...]';
const DOWN_WARNING = 'postqueue: warning: Mail system is down -- accessing queue directly (Connect to the Postfix showq service: Connection refused)';

/** postqueue -p / mailq: with the mail system down, postqueue reads the queue itself and says so. */
function listQueue(ctx: ShellContext, postfix: PostfixInstance, json: boolean): CommandResult {
  const clock = { startEpoch: ctx.host.startEpoch, zone: ctx.host.zone };
  const files = postfix.queue.all();
  const lines = json ? queueJson(files, clock) : queueListing(files, clock);
  return { output: postfix.running ? lines : [DOWN_WARNING, ...lines], exitStatus: 0 };
}

registerCommand('mailq', (ctx, argv) => {
  const postfix = requirePostfix(ctx, argv[0]);
  if (isResult(postfix)) return postfix;
  return listQueue(ctx, postfix, false);
});

registerCommand('postqueue', (ctx, argv) => {
  const postfix = requirePostfix(ctx, argv[0]);
  if (isResult(postfix)) return postfix;
  const parsed = getopt(argv.slice(1), 'c:fi:jps:v');
  if (parsed.error) return { output: [`postqueue: ${parsed.error}`, `postqueue: fatal: ${POSTQUEUE_USAGE}`], exitStatus: 1 };
  const mode = parsed.options.find((o) => 'fijps'.includes(o.flag));
  switch (mode?.flag) {
    case 'p':
      return listQueue(ctx, postfix, false);
    case 'j':
      return listQueue(ctx, postfix, true);
    case 'f':
    case 's':
    case 'i': {
      const file = mode.flag === 'i' ? postfix.queue.get(mode.arg ?? '') : undefined;
      if (file) file.notBefore = 0;
      const r = flushQueue(ctx.host, postfix);
      return { output: r.lines, exitStatus: r.exitStatus };
    }
    default:
      return fatal(ctx, 'postqueue', POSTQUEUE_USAGE);
  }
});

/** The queues postsuper works on when none is named, per operation. */
const DEFAULT_QUEUES: Record<string, QueueName[]> = {
  d: ['hold', 'incoming', 'active', 'deferred', 'maildrop'],
  h: ['incoming', 'active', 'deferred', 'maildrop'],
  H: ['hold'],
};
const QUEUE_NAMES = new Set(['maildrop', 'incoming', 'active', 'deferred', 'hold', 'corrupt']);

interface SuperAction {
  /** Per message, as logged: "removed", "placed on hold", "released from hold". */
  verb: string;
  /** The summary: "Deleted", "Placed on hold", "Released from hold". */
  summary: string;
  apply(postfix: PostfixInstance, file: QueueFile): void;
}

const ACTIONS: Record<string, SuperAction> = {
  d: { verb: 'removed', summary: 'Deleted', apply: (p, f) => p.queue.remove(f) },
  h: { verb: 'placed on hold', summary: 'Placed on hold', apply: (p, f) => p.queue.move(f, 'hold') },
  H: {
    verb: 'released from hold',
    summary: 'Released from hold',
    apply: (p, f) => {
      f.notBefore = 0;
      p.queue.move(f, 'deferred');
    },
  },
};

registerCommand('postsuper', (ctx, argv) => {
  const postfix = requirePostfix(ctx, argv[0]);
  if (isResult(postfix)) return postfix;
  const parsed = getopt(argv.slice(1), 'c:d:e:f:h:H:pr:sSv');
  if (parsed.error) return { output: [`postsuper: ${parsed.error}`, `postsuper: fatal: ${POSTSUPER_USAGE}`], exitStatus: 1 };
  if (ctx.user !== 'root') return fatal(ctx, 'postsuper', 'use of this command is reserved for the superuser');
  const bad = parsed.operands.find((q) => !QUEUE_NAMES.has(q));
  if (bad) return fatal(ctx, 'postsuper', `invalid directory name: ${bad}`);
  const pid = ctx.host.newPid();
  const output: string[] = [];
  for (const flag of ['d', 'h', 'H']) {
    const ids = parsed.options.filter((o) => o.flag === flag).map((o) => o.arg ?? '');
    if (ids.length === 0) continue;
    const queues = parsed.operands.length > 0 ? (parsed.operands as QueueName[]) : DEFAULT_QUEUES[flag];
    output.push(...superOperation(ctx, postfix, ACTIONS[flag], ids, queues, pid));
  }
  return { output, exitStatus: 0 };
});

/** One postsuper operation over the named ids (or ALL) in the given queues. */
function superOperation(ctx: ShellContext, postfix: PostfixInstance, action: SuperAction, ids: string[], queues: QueueName[], pid: number): string[] {
  const output: string[] = [];
  const say = (text: string) => {
    logAs(ctx.host, 'postfix/postsuper', text, pid);
    output.push(`postsuper: ${text}`);
  };
  let count = 0;
  for (const id of ids) {
    if (id === 'ALL') {
      for (const f of postfix.queue.all().filter((f) => queues.includes(f.queue))) {
        action.apply(postfix, f);
        count++;
      }
      continue;
    }
    if (!/^[A-Za-z0-9]+$/.test(id)) {
      say(`warning: invalid mail queue id: ${id}`);
      continue;
    }
    const file = postfix.queue.get(id);
    if (!file || !queues.includes(file.queue)) continue;
    action.apply(postfix, file);
    say(`${id}: ${action.verb}`);
    count++;
  }
  say(`${action.summary}: ${count} message${count === 1 ? '' : 's'}`);
  return output;
}

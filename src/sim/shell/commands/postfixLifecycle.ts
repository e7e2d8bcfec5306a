/**
 * Starting, stopping and reloading a host's Postfix the way the postfix(1) command and its
 * postfix-script do it, with the same terminal lines and maillog lines:
 *
 *   postfix/postfix-script[PID]: starting the Postfix mail system
 *   postfix/master[PID]: daemon started -- version 3.7.11, configuration /etc/postfix
 *
 * The postfix command reads main.cf first and refuses a broken one ("postfix: fatal: unknown
 * inet_protocols value ..."), leaving a running system as it was. Shared by `postfix` and
 * `systemctl`, which differ only in where the postfix-script lines are shown.
 */
import type { SimHost } from '../../host/simHost';
import { ConfigError, type PostfixConfig } from '../../postfix/config';
import { listenAddresses, parseInetProtocols } from '../../postfix/interfaces';
import { pickupOf } from '../../postfix/pickup';
import type { PostfixInstance } from '../../postfix/postfix';
import { CONFIG_DIRECTORY, configOnDisk, logAs, mainCfText, masterCfText, POSTFIX_VERSION } from './postfixTools';

/** The compatibility level this Postfix was released with; a lower one triggers a notice. */
const CURRENT_COMPAT = '3.6';

/** Settings the postfix command itself reads (mail_params.c), so a bad value stops it at once. */
const GLOBAL_INTS = ['message_size_limit', 'header_size_limit', 'line_length_limit', 'hash_queue_depth', 'fork_attempts', 'mime_nesting_limit'];
const GLOBAL_BOOLS = ['soft_bounce', 'smtputf8_enable', 'disable_dns_lookups', 'strict_8bitmime', 'strict_7bit_headers', 'strict_8bitmime_body', 'allow_min_user'];
const GLOBAL_TIMES = ['ipc_timeout', 'ipc_idle', 'ipc_ttl', 'daemon_timeout', 'fork_delay', 'in_flow_delay'];

export interface LifecycleResult {
  /** Lines the postfix command and postfix-script print on a terminal. */
  lines: string[];
  exitStatus: number;
}

/** The master process id a host's Postfix runs under now. */
const masterPids = new WeakMap<PostfixInstance, number>();

export function masterPid(postfix: PostfixInstance): number {
  return masterPids.get(postfix) ?? postfix.master.pid;
}

/** The last change of state, for systemctl status: since when, and the fatal error if it failed. */
export interface ServiceState {
  state: 'running' | 'inactive' | 'failed';
  /** Virtual ms of the change. */
  since: number;
  fatal?: string;
}

const states = new WeakMap<PostfixInstance, ServiceState>();

export function serviceState(postfix: PostfixInstance): ServiceState {
  return states.get(postfix) ?? (postfix.running ? { state: 'running', since: 0 } : { state: 'failed', since: 0, fatal: postfix.fatal });
}

/** What the postfix command finds wrong in main.cf before it does anything. */
export function startupFatal(host: SimHost, config: PostfixConfig): string | undefined {
  if (config.fatalProblem) return config.fatalProblem.text;
  try {
    for (const name of GLOBAL_INTS) config.int(name);
    for (const name of GLOBAL_BOOLS) config.bool(name);
    for (const name of GLOBAL_TIMES) config.seconds(name);
  } catch (e) {
    if (e instanceof ConfigError) return e.postfixText;
    throw e;
  }
  const protocols = parseInetProtocols(config.get('inet_protocols'));
  if ('fatal' in protocols) return protocols.fatal;
  const listen = listenAddresses(config.get('inet_interfaces'), host.interfaces, protocols, (n) => host.names().addresses(n));
  return Array.isArray(listen) ? undefined : listen.fatal;
}

/** "3.5" < "3.6": compatibility levels compare as dotted numbers. */
function levelBelow(level: string, than: string): boolean {
  const a = level.split('.').map(Number);
  const b = than.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const x = a[i] || 0;
    const y = b[i] || 0;
    if (x !== y) return x < y;
  }
  return false;
}

/** The notice every postfix command gives while compatibility_level is below the current one. */
export function compatibilityNotice(config: PostfixConfig): string[] {
  const level = config.get('compatibility_level');
  if (!/^\d+(\.\d+){0,2}$/.test(level) || !levelBelow(level, CURRENT_COMPAT)) return [];
  return [
    'Postfix is using backwards-compatible default settings',
    'See http://www.postfix.org/COMPATIBILITY_README.html for details',
    `To disable backwards compatibility use "postconf compatibility_level=${CURRENT_COMPAT}" and "postfix reload"`,
  ];
}

export type LifecycleCommand = 'start' | 'stop' | 'reload' | 'abort' | 'status' | 'check' | 'flush' | 'set-permissions' | 'upgrade-configuration' | 'logrotate';

export const LIFECYCLE_COMMANDS: readonly string[] = ['start', 'stop', 'reload', 'abort', 'flush', 'check', 'status', 'set-permissions', 'upgrade-configuration', 'logrotate'];

/**
 * Runs "postfix COMMAND": the postfix command's own checks and notice (as postfix[PID]), then
 * postfix-script's action and lines (as postfix/postfix-script[PID]).
 */
export function runLifecycle(host: SimHost, postfix: PostfixInstance, command: string): LifecycleResult {
  const text = mainCfText(host);
  const config = configOnDisk(host, postfix, text);
  const postfixPid = host.newPid();
  const problem = startupFatal(host, config);
  if (problem) {
    host.log.write('postfix', postfixPid, `fatal: ${problem}`);
    if (command === 'start' && !postfix.running) states.set(postfix, { state: 'failed', since: host.scheduler.now, fatal: problem });
    return { lines: [`postfix: fatal: ${problem}`], exitStatus: 1 };
  }
  const lines: string[] = [];
  for (const notice of compatibilityNotice(config)) {
    host.log.write('postfix', postfixPid, notice);
    lines.push(`postfix: ${notice}`);
  }
  const script = postfixScript(host, postfix, command, text);
  return { lines: [...lines, ...script.lines], exitStatus: script.exitStatus };
}

/** postfix-script: says what it does on the terminal and in the maillog. */
function postfixScript(host: SimHost, postfix: PostfixInstance, command: string, text: string): LifecycleResult {
  const say = (message: string, exitStatus = 0): LifecycleResult => {
    logAs(host, 'postfix/postfix-script', message);
    return { lines: [`postfix/postfix-script: ${message}`], exitStatus };
  };
  const notRunning = () => say('fatal: the Postfix mail system is not running', 1);
  switch (command) {
    case 'start': {
      if (postfix.running) return say('fatal: the Postfix mail system is already running', 1);
      const result = say('starting the Postfix mail system');
      startMailSystem(host, postfix, text);
      return result;
    }
    case 'stop':
    case 'abort': {
      if (!postfix.running) return notRunning();
      const result = say(command === 'stop' ? 'stopping the Postfix mail system' : 'aborting the Postfix mail system');
      if (command === 'stop') host.log.write('postfix/master', masterPid(postfix), 'terminating on signal 15');
      postfix.stop();
      states.set(postfix, { state: command === 'stop' ? 'inactive' : 'failed', since: host.scheduler.now });
      return result;
    }
    case 'reload': {
      if (!postfix.running) return notRunning();
      const result = say('refreshing the Postfix mail system');
      host.log.write('postfix/master', masterPid(postfix), `reload -- version ${POSTFIX_VERSION}, configuration ${CONFIG_DIRECTORY}`);
      postfix.setMasterCf(masterCfText(host));
      postfix.reconfigure(text);
      pickupOf(postfix).scan();
      return result;
    }
    case 'status':
      return postfix.running ? say(`the Postfix mail system is running: PID: ${masterPid(postfix)}`) : say('the Postfix mail system is not running', 1);
    case 'flush':
      return flushQueue(host, postfix);
    case 'check':
    case 'set-permissions':
    case 'upgrade-configuration':
    case 'logrotate':
      return { lines: [], exitStatus: 0 };
    default:
      return say(
        `fatal: unknown command: '${command}'. Usage: postfix start (or stop, reload, abort, flush, check, status, set-permissions, upgrade-configuration, logrotate)`,
        1,
      );
  }
}

/** The master starts (a new process id) and brings up the daemons with the main.cf on disk. */
function startMailSystem(host: SimHost, postfix: PostfixInstance, text: string): void {
  const pid = host.newPid();
  masterPids.set(postfix, pid);
  host.log.write('postfix/master', pid, `daemon started -- version ${POSTFIX_VERSION}, configuration ${CONFIG_DIRECTORY}`);
  postfix.setMasterCf(masterCfText(host));
  postfix.reconfigure(text);
  const ok = postfix.start();
  states.set(postfix, ok ? { state: 'running', since: host.scheduler.now } : { state: 'failed', since: host.scheduler.now, fatal: postfix.fatal });
  pickupOf(postfix).scan();
}

/** postqueue -f (and postfix flush): deferred mail is tried again now. */
export function flushQueue(host: SimHost, postfix: PostfixInstance): LifecycleResult {
  if (!postfix.running || !postfix.qmgr) {
    const text = 'Cannot flush mail queue - mail system is down';
    logAs(host, 'postfix/postqueue', `fatal: ${text}`);
    return { lines: [`postqueue: fatal: ${text}`], exitStatus: 69 };
  }
  postfix.qmgr.flush();
  return { lines: [], exitStatus: 0 };
}


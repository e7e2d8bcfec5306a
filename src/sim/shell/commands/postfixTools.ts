/**
 * What the Postfix command-line tools share: the files they read (main.cf and master.cf as the
 * student left them on disk, not as the running daemons loaded them), the way they report
 * ("postmap: fatal: ..." on the terminal and "postfix/postmap[PID]: fatal: ..." in the
 * maillog), and "command not found" on a host that has no Postfix installed.
 */
import type { SimHost } from '../../host/simHost';
import { PostfixConfig } from '../../postfix/config';
import { MAIN_CF_PATH } from '../../postfix/mainCf';
import { DEBIAN_MASTER_CF, MASTER_CF_PATH, parseMasterCf } from '../../postfix/masterCf';
import type { PostfixInstance } from '../../postfix/postfix';
import { postfixOf } from '../../services';
import type { CommandResult, ShellContext } from '../terminal';

export const POSTFIX_VERSION = '3.7.11';
export const CONFIG_DIRECTORY = '/etc/postfix';

/** The Postfix of the host, or bash's answer when the host has none. */
export function requirePostfix(ctx: ShellContext, command: string): PostfixInstance | CommandResult {
  return postfixOf(ctx.host) ?? notFound(command);
}

export function notFound(command: string): CommandResult {
  return { output: [`-bash: ${command}: command not found`], exitStatus: 127 };
}

export function isResult(x: unknown): x is CommandResult {
  return typeof x === 'object' && x !== null && 'exitStatus' in x;
}

export function mainCfText(host: SimHost): string {
  return host.fs.read(MAIN_CF_PATH) ?? '';
}

export function masterCfText(host: SimHost): string {
  return host.fs.read(MASTER_CF_PATH) ?? DEBIAN_MASTER_CF;
}

/** main.cf as a command run now reads it (postconf, postfix check), with master.cf's service names. */
export function configOnDisk(host: SimHost, postfix: PostfixInstance, text = mainCfText(host), overrides: [string, string][] = []): PostfixConfig {
  const services = [...new Set(parseMasterCf(masterCfText(host)).services.map((s) => s.name))];
  return new PostfixConfig(text, postfix.config.host, services, overrides);
}

/** main.cf settings alone, every default as Postfix has it built in (postconf -d). */
export function defaultsOnly(postfix: PostfixInstance, host: SimHost): PostfixConfig {
  return configOnDisk(host, postfix, '');
}

/** Logs one line as a Postfix program does ("postfix/postmap[1234]: ..."); returns the pid. */
export function logAs(host: SimHost, program: string, text: string, pid = host.newPid()): number {
  host.log.write(program, pid, text);
  return pid;
}

/**
 * A fatal error of a Postfix tool: the terminal shows "postmap: fatal: TEXT", syslog gets the
 * same with the program's pid, and the exit status is 1 (75 for sendmail, as it exits EX_TEMPFAIL).
 */
export function fatal(ctx: ShellContext, tool: string, text: string, before: string[] = [], exitStatus = 1): CommandResult {
  logAs(ctx.host, `postfix/${tool}`, `fatal: ${text}`);
  return { output: [...before, `${tool}: fatal: ${text}`], exitStatus };
}

/** Warnings go to the terminal and the maillog, one process id for the whole run. */
export function warnAll(ctx: ShellContext, tool: string, warnings: readonly string[], pid = ctx.host.newPid()): string[] {
  for (const w of warnings) ctx.host.log.write(`postfix/${tool}`, pid, `warning: ${w}`);
  return warnings.map((w) => `${tool}: warning: ${w}`);
}

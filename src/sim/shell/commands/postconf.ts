/**
 * postconf: Postfix's configuration utility as Postfix 3.7.11 behaves on Debian 12 — every
 * parameter with its (unexpanded) value, -d defaults, -n what main.cf sets, -x expanded values,
 * -h/-H values or names alone, -e/-X/-# editing main.cf (in force after "postfix reload"),
 * -m/-a/-A/-l what this build supports, -M/-P master.cf. Warnings come where a terminal shows
 * them: unknown names first, then the listing, then main.cf's unused parameters.
 */
import type { SimHost } from '../../host/simHost';
import type { PostfixConfig } from '../../postfix/config';
import { PARAMETER_NAMES } from '../../postfix/defaults';
import { MAIN_CF_PATH } from '../../postfix/mainCf';
import type { PostfixInstance } from '../../postfix/postfix';
import { registerCommand } from '../registry';
import type { CommandResult, ShellContext } from '../terminal';
import { applyEdits, excludeOrComment, splitNameValue } from './postconfEdit';
import { foldLine, masterEntries, masterParameters } from './postconfMaster';
import { parsePostconfArgs, type PostconfRequest } from './postconfOptions';
import { CONFIG_DIRECTORY, configOnDisk, defaultsOnly, isResult, mainCfText, masterCfText, requirePostfix } from './postfixTools';

const LOCK_TYPES = ['flock', 'fcntl', 'dotlock'];

/**
 * Parameters a daemon expands itself at run time with its own macros ($home, $rbl_code...):
 * postconf -x leaves them as written.
 */
const RAW_PARAMETERS = new Set([
  'command_execution_directory', 'command_expansion_filter', 'default_rbl_reply', 'execution_directory_expansion_filter',
  'forward_path', 'luser_relay', 'mailbox_command', 'postscreen_expansion_filter', 'postscreen_reject_footer',
  'smtpd_expansion_filter', 'smtpd_reject_footer',
]);

/** postconf prints a value's words separated by single spaces (continuation lines joined, empty expansions gone). */
function oneLine(value: string): string {
  return value.split(/\s+/).filter(Boolean).join(' ');
}

registerCommand('postconf', (ctx, argv) => {
  const postfix = requirePostfix(ctx, argv[0]);
  if (isResult(postfix)) return postfix;
  const req = parsePostconfArgs(argv.slice(1));
  if ('error' in req) return { output: req.error, exitStatus: 1 };
  if (req.configDir !== undefined && req.configDir.replace(/\/+$/, '') !== CONFIG_DIRECTORY) {
    return fail([`open ${req.configDir}/main.cf: No such file or directory`]);
  }
  return runMode(ctx, postfix, req);
});

function fail(texts: string[], before: string[] = []): CommandResult {
  return { output: [...before, ...texts.map((t) => `postconf: fatal: ${t}`)], exitStatus: 1 };
}

function runMode(ctx: ShellContext, postfix: PostfixInstance, req: PostconfRequest): CommandResult {
  switch (req.mode) {
    case 'm':
      return { output: [...postfix.build.mapTypes], exitStatus: 0 };
    case 'a':
      return { output: [...postfix.build.saslServerTypes], exitStatus: 0 };
    case 'A':
      return { output: [...postfix.build.saslClientTypes], exitStatus: 0 };
    case 'l':
      return { output: LOCK_TYPES, exitStatus: 0 };
    case 'M':
      return masterMode(ctx.host, req);
    case 'P':
      return { output: masterParameters(masterCfText(ctx.host), req.names).lines, exitStatus: 0 };
    case 'p':
      return mainMode(ctx, postfix, req);
    default:
      return { output: [`mailsim: postconf -${req.mode} is not simulated`], exitStatus: 1 };
  }
}

function masterMode(host: SimHost, req: PostconfRequest): CommandResult {
  if (req.flags.has('e') || req.flags.has('X') || req.flags.has('#')) {
    if (req.names.every((n) => !n.includes('/'))) return fail(['-Me, -MX or -M# requires service_name/type']);
    return { output: ['mailsim: edit /etc/postfix/master.cf in the Files panel (F); postconf -Me is not simulated'], exitStatus: 1 };
  }
  const listing = masterEntries(masterCfText(host), req.names, req.flags.has('f'));
  if (listing.fatal) return fail([listing.fatal]);
  return { output: [...listing.lines, ...listing.warnings.map((w) => `postconf: warning: ${w}`)], exitStatus: 0 };
}

/** -e, -X, -#: main.cf is rewritten on disk; the running Postfix does not see it until reload. */
function editMode(ctx: ShellContext, req: PostconfRequest): CommandResult {
  const text = mainCfText(ctx.host);
  if (req.flags.has('e')) {
    if (req.names.length === 0) return fail(['-e requires name=value argument']);
    const edited = applyEdits(text, req.names);
    if ('error' in edited) return fail([edited.error]);
    ctx.host.fs.write(MAIN_CF_PATH, edited.text);
    return { output: [], exitStatus: 0 };
  }
  if (req.names.length === 0) return fail(['missing service argument']);
  const result = excludeOrComment(text, req.names, req.flags.has('X') ? 'remove' : 'comment');
  ctx.host.fs.write(MAIN_CF_PATH, result.text);
  return { output: result.warnings.map((w) => `postconf: warning: ${w}`), exitStatus: 0 };
}

function mainMode(ctx: ShellContext, postfix: PostfixInstance, req: PostconfRequest): CommandResult {
  if (req.flags.has('e') || req.flags.has('X') || req.flags.has('#')) return editMode(ctx, req);
  const overrides: [string, string][] = [];
  for (const o of req.overrides) {
    const nv = splitNameValue(o);
    if ('error' in nv) return fail([`invalid parameter override: ${o}: missing '=' after attribute name`]);
    overrides.push([nv.name, nv.value]);
  }
  const defaults = req.flags.has('d');
  const config = defaults ? defaultsOnly(postfix, ctx.host) : configOnDisk(ctx.host, postfix, undefined, overrides);
  if (!defaults && config.fatalProblem) return fail([config.fatalProblem.text]);
  const pid = ctx.host.newPid();
  const value = (name: string) => {
    if (name === 'process_id') return String(pid);
    const expand = req.flags.has('x') && !RAW_PARAMETERS.has(name);
    return oneLine(expand ? config.get(name) : (config.raw(name) ?? ''));
  };
  const { names, unknown } = chooseNames(config, req);
  const lines = names.flatMap((name) => formatParameter(name, value(name), req.flags));
  const warnings = defaults ? { before: [], after: [] } : mainCfWarnings(config);
  return {
    output: [...unknown.map((n) => `postconf: warning: ${n}: unknown parameter`), ...warnings.before, ...lines, ...warnings.after],
    exitStatus: 0,
  };
}

/** Which parameters to print, and the asked-for names Postfix does not know. */
function chooseNames(config: PostfixConfig, req: PostconfRequest): { names: string[]; unknown: string[] } {
  const known = (n: string) => config.isKnown(n);
  if (req.names.length > 0) {
    const unknown = req.names.filter((n) => !known(n));
    const names = req.names.filter((n) => known(n) && (!req.flags.has('n') || config.explicit.has(n)));
    return { names, unknown };
  }
  if (req.flags.has('n')) return { names: [...config.explicit.keys()].filter(known).sort(), unknown: [] };
  const extra = [...config.explicit.keys()].filter((n) => !PARAMETER_NAMES.includes(n) && known(n));
  return { names: [...PARAMETER_NAMES, ...extra].sort(), unknown: [] };
}

/** "name = value", "name =" for an empty value, or one side alone with -h / -H; -f folds. */
function formatParameter(name: string, value: string, flags: Set<string>): string[] {
  let line: string;
  if (flags.has('h')) line = value;
  else if (flags.has('H')) line = name;
  else line = value === '' ? `${name} =` : `${name} = ${value}`;
  return flags.has('f') ? foldLine(line) : [line];
}

/** main.cf's own problems come as it is read; unused parameters are reported after the listing. */
function mainCfWarnings(config: PostfixConfig): { before: string[]; after: string[] } {
  const all = config.postconfWarnings().map((w) => `postconf: warning: ${w}`);
  const isUnused = (w: string) => w.includes(': unused parameter: ');
  return { before: all.filter((w) => !isUnused(w)), after: all.filter(isUnused) };
}

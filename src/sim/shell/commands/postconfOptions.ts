/**
 * postconf's option rules, as Postfix 3.7's postconf.c checks them: one display mode at a time
 * (-p main.cf parameters by default, -M, -P, -F master.cf, -m, -a, -A, -l ...), modifiers that
 * exclude each other (-d/-n/-e/-X/-#, -x/-e, -h/-H/-e ...), and modifiers a mode refuses
 * ("with option -M, do not specify -n"). The texts are the real ones.
 */
import { getopt, type ParsedOptions } from './getopt';

export const POSTCONF_OPTSTRING = 'aAbc:C:defFhHlmMno:pPtT:vxX#';

export const POSTCONF_USAGE =
  'usage: postconf [-a (server SASL types)] [-A (client SASL types)] [-b (bounce templates)] [-c config_dir] [-c param_class] [-d (parameter defaults)] [-e (edit configuration)] [-f (fold lines)] [-F (master.cf fields)] [-h (no names)] [-H (no values)] [-l (lock types)] [-m (map types)] [-M (master.cf)] [-n (non-default parameters)] [-o name=value (override parameter value)] [-p (main.cf, default)] [-P (master.cf parameters)] [-t (bounce templates)] [-T compile-version|run-version|public-key-algorithms] [-v (verbose)] [-x (expand parameter values)] [-X (exclude)] [-# (comment-out)] [name...]';

/** The order postconf names flags in its complaints. */
const FLAG_ORDER = ['a', 'A', 'b', 'd', 'e', 'f', 'F', 'h', 'H', 'l', 'm', 'M', 'n', 'o', 'p', 'P', 't', 'T', 'x', 'X', '#'];

/** Flags that pick what is shown; at most one. */
const MODES = ['a', 'A', 'b', 'l', 'm', 'p', 'M', 'F', 'P', 't', 'T'];

/** Sets of modifiers of which at most one may be given. */
const EXCLUSIVE = [
  ['d', 'e', 'n', '#', 'X'],
  ['f', 'e', '#', 'X'],
  ['x', 'e', '#', 'X'],
  ['o', 'd', 'e', '#', 'X'],
  ['h', 'e', '#', 'X', 'H'],
];

/** The modifiers each mode accepts; the others are refused. */
const MODE_ALLOWS: Record<string, string[]> = {
  p: ['e', 'X', '#', 'f', 'h', 'H', 'x', 'd', 'n', 'o'],
  M: ['e', 'X', '#', 'f', 'x', 'o'],
  F: ['e', 'f', 'h', 'H', 'x', 'o'],
  P: ['e', 'X', 'f', 'h', 'H', 'x', 'o'],
};
const MODIFIERS = ['d', 'e', 'f', 'h', 'H', 'n', 'o', 'x', 'X', '#'];

export interface PostconfRequest {
  mode: string;
  flags: Set<string>;
  overrides: string[];
  configDir?: string;
  names: string[];
}

function ordered(flags: Iterable<string>): string {
  const set = new Set(flags);
  return FLAG_ORDER.filter((f) => set.has(f))
    .map((f) => `-${f}`)
    .join(' ');
}

/** Parses postconf's command line; a string is the fatal text (after "postconf: "). */
export function parsePostconfArgs(args: readonly string[]): PostconfRequest | { error: string[] } {
  const parsed: ParsedOptions = getopt(args, POSTCONF_OPTSTRING);
  if (parsed.error) return { error: [`postconf: ${parsed.error}`, `postconf: fatal: ${POSTCONF_USAGE}`] };
  const flags = new Set(parsed.options.map((o) => o.flag));
  const overrides = parsed.options.filter((o) => o.flag === 'o').map((o) => o.arg ?? '');
  const configDir = parsed.options.filter((o) => o.flag === 'c').pop()?.arg;
  const modes = MODES.filter((m) => flags.has(m));
  if (modes.length > 1) return { error: [`postconf: fatal: specify one of ${ordered(modes)}`] };
  for (const group of EXCLUSIVE) {
    const given = group.filter((f) => flags.has(f));
    if (given.length > 1) return { error: [`postconf: fatal: specify one of ${ordered(given)}`] };
  }
  const mode = modes[0] ?? 'p';
  const allowed = MODE_ALLOWS[mode] ?? [];
  const refused = MODIFIERS.filter((f) => flags.has(f) && !allowed.includes(f));
  if (refused.length > 0) return { error: [`postconf: fatal: with option -${mode}, do not specify ${ordered(refused)}`] };
  return { mode, flags, overrides, configDir, names: parsed.operands };
}

/**
 * POSIX getopt as glibc does it when the option string starts with "+" (which is how Postfix
 * calls it on Linux): options end at the first operand or at "--", letters may be grouped
 * ("-nh"), an option's argument may be glued ("-cDIR") or the next word ("-c DIR"). Errors
 * are glibc's own texts, so a student sees "postconf: invalid option -- 'Z'".
 */

export interface ParsedOptions {
  /** Options in the order given, each with its argument when the option takes one. */
  options: { flag: string; arg?: string }[];
  operands: string[];
  /** glibc's message for the first bad option, e.g. "invalid option -- 'Z'". */
  error?: string;
}

/** `spec` lists the option letters; a letter followed by ":" takes an argument ("c:dehm"). */
export function getopt(args: readonly string[], spec: string): ParsedOptions {
  const takesArg = new Map<string, boolean>();
  for (let i = 0; i < spec.length; i++) {
    if (spec[i] === ':') continue;
    takesArg.set(spec[i], spec[i + 1] === ':');
  }
  const options: ParsedOptions['options'] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const word = args[i];
    if (word === '--') {
      i++;
      break;
    }
    if (!word.startsWith('-') || word === '-') break;
    for (let j = 1; j < word.length; j++) {
      const flag = word[j];
      const wantsArg = takesArg.get(flag);
      if (wantsArg === undefined) return { options, operands: [], error: `invalid option -- '${flag}'` };
      if (!wantsArg) {
        options.push({ flag });
        continue;
      }
      const glued = word.slice(j + 1);
      if (glued !== '') options.push({ flag, arg: glued });
      else if (i + 1 < args.length) options.push({ flag, arg: args[++i] });
      else return { options, operands: [], error: `option requires an argument -- '${flag}'` };
      break;
    }
  }
  return { options, operands: args.slice(i) };
}

/** True when the flag was given at least once. */
export function has(parsed: ParsedOptions, flag: string): boolean {
  return parsed.options.some((o) => o.flag === flag);
}

/** The argument of the last use of a flag. */
export function argOf(parsed: ParsedOptions, flag: string): string | undefined {
  let value: string | undefined;
  for (const o of parsed.options) if (o.flag === flag) value = o.arg;
  return value;
}

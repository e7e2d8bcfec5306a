/**
 * Splits a command line into words the way a shell does for simple commands: white space
 * separates, '...' and "..." quote, a backslash escapes the next character. With a variable
 * lookup, $NAME and ${NAME} are expanded outside single quotes and a leading ~ is the home
 * directory — so `postconf -e "mydestination = $myhostname"` loses its $myhostname to bash,
 * exactly as on a real host.
 */

/** The shell's variables: undefined for one that is not set (it expands to nothing). */
export type VariableLookup = (name: string) => string | undefined;

const NAME = /^([A-Za-z_][A-Za-z0-9_]*|[?$#0-9])/;

/** $NAME or ${NAME} at `i` (the "$"): the value and how many characters it took. */
function variableAt(line: string, i: number, lookup: VariableLookup): { value: string; length: number } | undefined {
  if (line[i + 1] === '{') {
    const close = line.indexOf('}', i + 2);
    if (close < 0) return undefined;
    return { value: lookup(line.slice(i + 2, close)) ?? '', length: close - i + 1 };
  }
  const m = NAME.exec(line.slice(i + 1));
  return m ? { value: lookup(m[1]) ?? '', length: m[1].length + 1 } : undefined;
}

export function splitCommandLine(line: string, lookup?: VariableLookup): string[] {
  const out: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '$' && lookup && quote !== "'") {
      const v = variableAt(line, i, lookup);
      if (v) {
        word += v.value;
        inWord = inWord || v.value !== '' || quote !== undefined;
        i += v.length - 1;
        continue;
      }
    }
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < line.length) word += line[++i];
      else word += ch;
      continue;
    }
    if (ch === '~' && lookup && !inWord && (i + 1 === line.length || line[i + 1] === '/' || line[i + 1] === ' ')) {
      word += lookup('HOME') ?? '~';
      inWord = true;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
      continue;
    }
    if (ch === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
      continue;
    }
    if (ch === ' ' || ch === '\t') {
      if (inWord) out.push(word);
      word = '';
      inWord = false;
      continue;
    }
    word += ch;
    inWord = true;
  }
  if (inWord) out.push(word);
  return out;
}

/**
 * main.cf as Postfix reads it: a parameter starts in column 0, a line that starts with white
 * space continues the previous one, "#" comment lines and blank lines end a logical line.
 * Problems come back as the warnings and fatal errors Postfix itself prints.
 */

export interface MainCfEntry {
  name: string;
  value: string;
  /** 1-based line where the logical line starts. */
  line: number;
}

export interface MainCfProblem {
  level: 'warning' | 'fatal';
  /** The text after "warning: " or "fatal: ", as Postfix prints it. */
  text: string;
  line?: number;
}

export interface ParsedMainCf {
  /** Effective settings: the last entry of each name wins. */
  params: Map<string, string>;
  entries: MainCfEntry[];
  problems: MainCfProblem[];
}

export const MAIN_CF_PATH = '/etc/postfix/main.cf';

interface LogicalLine {
  text: string;
  line: number;
}

/** Joins continuation lines the way Postfix's readlline() does. */
function logicalLines(text: string, path: string, problems: MainCfProblem[]): LogicalLine[] {
  const out: LogicalLine[] = [];
  const physical = text.split(/\r?\n/);
  let current: LogicalLine | undefined;
  const flush = () => {
    if (current) out.push(current);
    current = undefined;
  };
  physical.forEach((raw, index) => {
    const lineNo = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      flush();
      return;
    }
    if (/^\s/.test(raw)) {
      if (current) {
        current.text += ` ${trimmed}`;
        return;
      }
      problems.push({ level: 'warning', text: `${path}: logical line must not start with whitespace: "${raw}"` });
      return;
    }
    flush();
    current = { text: raw.replace(/\s+$/, ''), line: lineNo };
  });
  flush();
  return out;
}

export function parseMainCf(text: string, path = MAIN_CF_PATH): ParsedMainCf {
  const problems: MainCfProblem[] = [];
  const params = new Map<string, string>();
  const entries: MainCfEntry[] = [];
  for (const logical of logicalLines(text, path, problems)) {
    const eq = logical.text.indexOf('=');
    if (eq < 0) {
      problems.push({ level: 'fatal', line: logical.line, text: `${path}, line ${logical.line}: missing '=' after attribute name: "${logical.text.trim()}"` });
      continue;
    }
    const name = logical.text.slice(0, eq).trim();
    const value = logical.text.slice(eq + 1).trim();
    if (name === '' || /\s/.test(name)) {
      problems.push({ level: 'fatal', line: logical.line, text: `${path}, line ${logical.line}: missing '=' after attribute name: "${logical.text.trim()}"` });
      continue;
    }
    const earlier = params.get(name);
    if (earlier !== undefined) {
      problems.push({ level: 'warning', line: logical.line, text: `${path}, line ${logical.line}: overriding earlier entry: ${name}=${earlier}` });
    }
    params.set(name, value);
    entries.push({ name, value, line: logical.line });
  }
  return { params, entries, problems };
}

/** Writes settings as main.cf text, one per line (what a scenario's parameter map becomes). */
export function formatMainCf(params: Iterable<[string, string]>): string {
  let out = '';
  for (const [name, value] of params) out += `${name} = ${value}\n`;
  return out;
}

/**
 * postconf -e: changes or adds parameters in the text, keeping comments and order; a changed
 * parameter keeps its place, a new one goes at the end.
 */
export function editMainCf(text: string, changes: Map<string, string>): string {
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  const pending = new Map(changes);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const m = /^([^\s#=][^=]*?)\s*=/.exec(line);
    const name = m?.[1].trim();
    if (name !== undefined && pending.has(name)) {
      out.push(`${name} = ${pending.get(name)}`);
      pending.delete(name);
      while (i + 1 < lines.length && /^\s+\S/.test(lines[i + 1]) && !/^\s*#/.test(lines[i + 1])) i++;
      continue;
    }
    out.push(line);
  }
  for (const [name, value] of pending) out.push(`${name} = ${value}`);
  return `${out.join('\n')}\n`;
}

/**
 * The parts of a bash command line students use around mail commands: lists joined by ";",
 * "&&" and "||", pipelines ("postconf | grep relay", "echo hi | mail -s test root") and
 * redirections ("echo 'staff: ansible' >> /etc/aliases", "sendmail root < msg.txt").
 * Quotes protect these characters, as in bash.
 */
import { splitCommandLine, type VariableLookup } from './words';

export interface Stage {
  argv: string[];
  /** < FILE */
  input?: string;
  /** > FILE or >> FILE */
  output?: { path: string; append: boolean };
}

export interface ListItem {
  /** How this pipeline depends on the previous one's exit status. */
  op: ';' | '&&' | '||';
  stages: Stage[];
}

/** Splits at the unquoted separators (single characters or "&&"/"||"), keeping them. */
function splitOutside(line: string, isSeparator: (line: string, i: number) => number): { text: string; sep: string }[] {
  const out: { text: string; sep: string }[] = [];
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"') i++;
      continue;
    }
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      continue;
    }
    const len = isSeparator(line, i);
    if (len > 0) {
      out.push({ text: line.slice(start, i), sep: line.slice(i, i + len) });
      start = i + len;
      i += len - 1;
    }
  }
  out.push({ text: line.slice(start), sep: '' });
  return out;
}

/** One pipeline stage: its words, with the redirections taken out. */
function parseStage(text: string, lookup?: VariableLookup): Stage {
  const stage: Stage = { argv: [] };
  const parts = splitOutside(text, (l, i) => (l.startsWith('>>', i) ? 2 : l[i] === '>' || l[i] === '<' ? 1 : 0));
  let words = splitCommandLine(parts[0].text, lookup);
  for (let p = 0; p < parts.length - 1; p++) {
    const target = splitCommandLine(parts[p + 1].text, lookup);
    const [path, ...rest] = target;
    const sep = parts[p].sep;
    // "2>/dev/null", "2>&1": the shell here has one output stream, so these change nothing.
    const stderr = sep !== '<' && /(^|\s)2$/.test(parts[p].text);
    if (stderr) words = words.slice(0, -1);
    else if (path !== undefined) {
      if (sep === '<') stage.input = path;
      else stage.output = { path, append: sep === '>>' };
    }
    words = [...words, ...rest];
  }
  stage.argv = words;
  return stage;
}

/** Parses a whole line into its list of pipelines ($VARIABLES expanded when a lookup is given). */
export function parseCommandLine(line: string, lookup?: VariableLookup): ListItem[] {
  const items: ListItem[] = [];
  let op: ListItem['op'] = ';';
  const lists = splitOutside(line, (l, i) => (l.startsWith('&&', i) || l.startsWith('||', i) ? 2 : l[i] === ';' ? 1 : 0));
  for (const { text, sep } of lists) {
    const stages = splitOutside(text, (l, i) => (l[i] === '|' ? 1 : 0)).map((s) => parseStage(s.text, lookup));
    if (stages.some((s) => s.argv.length > 0)) items.push({ op, stages });
    op = (sep || ';') as ListItem['op'];
  }
  return items;
}

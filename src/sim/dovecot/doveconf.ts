/**
 * `doveconf -n` text: "key = value" lines and nested sections ("passdb {", "service auth {",
 * "unix_listener /path {"). The parser keeps the tree as written; dovecotSettings.ts reads the
 * settings that matter from it, with Debian's defaults for what the text leaves out.
 */

export interface ConfSection {
  /** The section type: passdb, userdb, service, unix_listener, protocol... */
  type: string;
  /** The name after the type ("auth" in "service auth {"), '' when there is none. */
  name: string;
  settings: Record<string, string>;
  sections: ConfSection[];
}

export interface ConfProblem {
  line: number;
  message: string;
}

export interface ParsedDoveconf {
  root: ConfSection;
  problems: ConfProblem[];
}

export function parseDoveconf(text: string | undefined): ParsedDoveconf {
  const root: ConfSection = { type: '', name: '', settings: {}, sections: [] };
  const stack: ConfSection[] = [root];
  const problems: ConfProblem[] = [];
  const lines = (text ?? '').split('\n');
  lines.forEach((raw, index) => {
    const line = stripComment(raw).trim();
    if (line === '') return;
    const current = stack[stack.length - 1];
    if (line === '}') {
      if (stack.length > 1) stack.pop();
      else problems.push({ line: index + 1, message: "Unexpected '}'" });
      return;
    }
    const open = /^([\w-]+)(?:\s+(.*?))?\s*\{$/.exec(line);
    if (open) {
      const section: ConfSection = { type: open[1], name: unquote(open[2] ?? ''), settings: {}, sections: [] };
      current.sections.push(section);
      stack.push(section);
      return;
    }
    const setting = /^([\w/.-]+)\s*=\s*(.*)$/.exec(line);
    if (setting) {
      current.settings[setting[1]] = unquote(setting[2]);
      return;
    }
    problems.push({ line: index + 1, message: `Expecting '=': ${line}` });
  });
  if (stack.length > 1) problems.push({ line: lines.length, message: "Missing '}'" });
  return { root, problems };
}

/** Drops a "#" comment that is not inside quotes. */
function stripComment(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === '#' && !quoted) return line.slice(0, i);
  }
  return line;
}

function unquote(value: string): string {
  const v = value.trim();
  return v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
}

/** Sections of a type, at any depth below `section`. */
export function findSections(section: ConfSection, type: string): ConfSection[] {
  const out: ConfSection[] = [];
  for (const s of section.sections) {
    if (s.type === type) out.push(s);
    out.push(...findSections(s, type));
  }
  return out;
}

/**
 * postconf's editing modes on main.cf text: -e sets parameters ("name=value" or "name = value"),
 * -X removes them, -# comments them out. A parameter's continuation lines go with it. Nothing
 * takes effect until "postfix reload", as on a real host.
 */
import { editMainCf } from '../../postfix/mainCf';

/** Postfix's split_nameval(): "name = value" into its parts, or the error postconf dies with. */
export function splitNameValue(arg: string): { name: string; value: string } | { error: string } {
  const m = /^\s*([^=\s]*)\s*(=?)\s*([\s\S]*?)\s*$/.exec(arg)!;
  const [, name, eq, value] = m;
  if (name === '' && eq === '=') return { error: `missing attribute name: "${arg}"` };
  if (eq !== '=') return { error: `missing '=' after attribute name: "${arg}"` };
  return { name, value };
}

/** postconf -e: each argument parsed first; one bad argument changes nothing. */
export function applyEdits(text: string, args: readonly string[]): { text: string } | { error: string } {
  const changes = new Map<string, string>();
  for (const arg of args) {
    const nv = splitNameValue(arg);
    if ('error' in nv) return nv;
    changes.set(nv.name, nv.value);
  }
  return { text: editMainCf(text, changes) };
}

interface PhysicalEntry {
  name: string;
  /** Index of the first physical line and one past the last continuation line. */
  start: number;
  end: number;
}

/** Where each parameter's lines are in the file. */
function entries(lines: readonly string[]): PhysicalEntry[] {
  const out: PhysicalEntry[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^\s#=][^=\s]*)\s*=/.exec(lines[i]);
    if (!m) continue;
    let end = i + 1;
    while (end < lines.length && /^\s+\S/.test(lines[end]) && !/^\s*#/.test(lines[end])) end++;
    out.push({ name: m[1], start: i, end });
    i = end - 1;
  }
  return out;
}

/**
 * postconf -X (remove) or -# (comment out). Returns the new text and the warnings postconf
 * prints ("multiple entries for ..."), which come after the file is written.
 */
export function excludeOrComment(text: string, names: readonly string[], how: 'remove' | 'comment'): { text: string; warnings: string[] } {
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  const wanted = new Set(names);
  const found = new Map<string, number>();
  const drop = new Set<number>();
  for (const e of entries(lines)) {
    if (!wanted.has(e.name)) continue;
    found.set(e.name, (found.get(e.name) ?? 0) + 1);
    for (let i = e.start; i < e.end; i++) {
      if (how === 'remove') drop.add(i);
      else lines[i] = `#${lines[i]}`;
    }
  }
  const kept = lines.filter((_, i) => !drop.has(i));
  const warnings = names.filter((n) => (found.get(n) ?? 0) > 1).map((n) => `/etc/postfix/main.cf: multiple entries for "${n}"`);
  return { text: kept.length === 0 ? '' : `${kept.join('\n')}\n`, warnings };
}

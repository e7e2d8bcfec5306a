/**
 * Reading and setting one main.cf parameter of a scenario host, whichever form its main.cf has:
 * parameter -> value pairs, or the file's text (where a parameter may continue on lines that
 * start with white space, as Postfix reads them).
 */
import type { HostSpec } from '../../sim/scenario/schema';

export function getParam(host: HostSpec, name: string): string | undefined {
  const cf = host.main_cf;
  if (cf === undefined) return undefined;
  if (typeof cf !== 'string') return cf[name];
  const m = lineOf(cf, name);
  return m ? m.value : undefined;
}

/** Sets (or with `undefined` removes) a parameter; a host without Postfix is left alone. */
export function setParam(host: HostSpec, name: string, value: string | undefined): void {
  const cf = host.main_cf;
  if (cf === undefined) return;
  if (typeof cf !== 'string') {
    if (value === undefined) delete cf[name];
    else cf[name] = value;
    return;
  }
  const lines = cf.split('\n');
  const m = lineOf(cf, name);
  const replacement = value === undefined ? [] : [`${name} = ${value}`];
  if (m) lines.splice(m.line, m.count, ...replacement);
  else if (value !== undefined) {
    if (lines.length > 0 && lines[lines.length - 1] === '') lines.splice(lines.length - 1, 0, ...replacement);
    else lines.push(...replacement);
  }
  host.main_cf = lines.join('\n');
}

function lineOf(text: string, name: string): { line: number; count: number; value: string } | undefined {
  const lines = text.split('\n');
  let found: { line: number; count: number; value: string } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const m = /^([A-Za-z0-9_]+)\s*=\s*(.*)$/.exec(lines[i]);
    if (!m || m[1] !== name) continue;
    let count = 1;
    let value = m[2];
    while (i + count < lines.length && /^[ \t]+\S/.test(lines[i + count])) value += ` ${lines[i + count++].trim()}`;
    // The last setting wins, as in Postfix.
    found = { line: i, count, value: value.trim() };
  }
  return found;
}

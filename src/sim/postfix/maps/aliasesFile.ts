/**
 * /etc/aliases as newaliases (postalias) reads it: "name: target, target", continuation lines
 * starting with white space, "#" comments. Names are folded to lower case.
 */

export interface AliasesResult {
  /** name -> the raw target list text (split by `aliasTargets`). */
  entries: Map<string, string>;
  warnings: string[];
}

export function parseAliases(text: string, path = '/etc/aliases'): AliasesResult {
  const entries = new Map<string, string>();
  const warnings: string[] = [];
  let current: { text: string; line: number } | undefined;
  const flush = () => {
    if (!current) return;
    const t = current.text.trim();
    const colon = t.indexOf(':');
    if (colon <= 0) {
      warnings.push(`${path}, line ${current.line}: need name:value pair`);
    } else {
      const name = t.slice(0, colon).trim().replace(/^"(.*)"$/, '$1').toLowerCase();
      const value = t.slice(colon + 1).trim();
      if (value === '') warnings.push(`${path}, line ${current.line}: need name:value pair`);
      else if (entries.has(name)) warnings.push(`${path}, line ${current.line}: duplicate entry: "${name}"`);
      else entries.set(name, value);
    }
    current = undefined;
  };
  text.split(/\r?\n/).forEach((raw, i) => {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      flush();
      return;
    }
    if (/^\s/.test(raw) && current) {
      current.text += ` ${trimmed}`;
      return;
    }
    flush();
    current = { text: raw, line: i + 1 };
  });
  flush();
  return { entries, warnings };
}

/** Splits an alias value into targets: commas separate, quotes protect ("|cmd, arg"). */
export function aliasTargets(value: string): string[] {
  const out: string[] = [];
  let current = '';
  let inQuote = false;
  for (const ch of value) {
    if (ch === '"') inQuote = !inQuote;
    if (ch === ',' && !inQuote) {
      if (current.trim()) out.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out.map((t) => (t.startsWith('"') && t.endsWith('"') && t.length > 1 ? t.slice(1, -1) : t));
}

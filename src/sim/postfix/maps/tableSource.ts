/**
 * The source text of a Postfix lookup table (what postmap reads): "key whitespace value" per
 * logical line, "#" comments, lines starting with white space continue the previous one.
 */

export interface TableSourceResult {
  entries: Map<string, string>;
  /** postmap's warnings, e.g. "/etc/postfix/access, line 3: expected format: key whitespace value". */
  warnings: string[];
}

export function parseTableSource(text: string, path: string, foldCase = true): TableSourceResult {
  const entries = new Map<string, string>();
  const warnings: string[] = [];
  const lines = text.split(/\r?\n/);
  let current: { text: string; line: number } | undefined;
  const flush = () => {
    if (!current) return;
    const m = /^(\S+)\s+(.*)$/.exec(current.text.trim());
    if (!m) {
      warnings.push(`${path}, line ${current.line}: expected format: key whitespace value`);
    } else {
      const key = foldCase ? m[1].toLowerCase() : m[1];
      if (entries.has(key)) warnings.push(`${path}, line ${current.line}: duplicate entry: "${key}"`);
      else entries.set(key, m[2].trim());
    }
    current = undefined;
  };
  lines.forEach((raw, i) => {
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

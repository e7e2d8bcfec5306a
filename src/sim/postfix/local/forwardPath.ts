/**
 * forward_path: where local(8) looks for a user's .forward file. The default is
 * "$home/.forward${recipient_delimiter}${extension}, $home/.forward": alice+news first tries
 * ~alice/.forward+news, then ~alice/.forward. An entry that uses a name with no value (no
 * extension, so no $extension) is skipped, as local_expand/mac_expand report it undefined;
 * the conditional forms ${name?text} and ${name:text} only test the name. Values are passed
 * through forward_expansion_filter (other characters become "_").
 */

export interface ForwardPathVars {
  user: string;
  home: string;
  local: string;
  domain: string;
  recipient: string;
  extension?: string;
  /** The delimiter character that separated the extension, when there is one. */
  delimiter?: string;
  shell?: string;
}

/** Postfix's default forward_expansion_filter. */
const ALLOWED = /[^0-9A-Za-z!@%\-_=+:,./]/g;

/** The candidate .forward paths, in forward_path order, entries with an undefined name left out. */
export function forwardFileCandidates(forwardPath: string, vars: ForwardPathVars): string[] {
  const values: Record<string, string | undefined> = {
    user: vars.user,
    home: vars.home,
    shell: vars.shell,
    domain: vars.domain,
    local: vars.local,
    mailbox: vars.local,
    recipient: vars.recipient,
    extension: vars.extension,
    recipient_delimiter: vars.delimiter,
  };
  const out: string[] = [];
  for (const entry of forwardPath.split(/[,\s]+/).filter(Boolean)) {
    const path = expandEntry(entry, values);
    if (path !== undefined && path !== '') out.push(path);
  }
  return out;
}

/** One entry expanded, or undefined when it names something without a value. */
function expandEntry(entry: string, values: Record<string, string | undefined>): string | undefined {
  let undefinedName = false;
  const value = (name: string): string | undefined => {
    const v = values[name];
    return v === undefined ? undefined : v.replace(ALLOWED, '_');
  };
  const text = entry.replace(/\$(?:\{(\w+)(?:([?:])([^}]*))?\}|\((\w+)\)|(\w+))/g, (_all, braced: string | undefined, op: string | undefined, alt: string | undefined, paren: string | undefined, bare: string | undefined) => {
    const name = braced ?? paren ?? bare ?? '';
    const v = value(name);
    if (op === '?') return v ? (alt ?? '') : '';
    if (op === ':') return v ? '' : (alt ?? '');
    if (v === undefined) undefinedName = true;
    return v ?? '';
  });
  return undefinedName ? undefined : text;
}

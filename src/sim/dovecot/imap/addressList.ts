/**
 * RFC 5322 address lists as IMAP's ENVELOPE splits them: display name, source route, mailbox
 * and host of every address; a group "Friends: a@x, b@y;" opens with (NIL NIL "Friends" NIL)
 * and closes with (NIL NIL NIL NIL).
 */

export interface EnvelopeAddress {
  name?: string;
  adl?: string;
  mailbox?: string;
  host?: string;
}

export function parseAddressList(value: string): EnvelopeAddress[] {
  const out: EnvelopeAddress[] = [];
  for (const item of splitTopLevel(value, ',')) {
    const text = item.trim();
    if (text === '') continue;
    // A group: a display name then ":" before any address ("Friends: a@x, b@y;").
    const group = /^((?:"(?:[^"\\]|\\.)*"|[^:"<>@,])*):(.*)$/s.exec(text);
    if (group) {
      out.push({ mailbox: unquote(group[1].trim()) });
      const members = group[2].replace(/;\s*$/, '');
      for (const m of splitTopLevel(members, ',')) if (m.trim()) out.push(parseAddress(m.trim()));
      out.push({});
      continue;
    }
    out.push(parseAddress(text));
  }
  return out;
}

/** One address: "Name <user@host>", "user@host (Name)" or "user@host". */
export function parseAddress(text: string): EnvelopeAddress {
  const angle = /^(.*?)<([^>]*)>\s*(?:\(.*\))?$/s.exec(text);
  if (angle) {
    const name = unquote(angle[1].trim());
    return { ...(name ? { name } : {}), ...addrSpec(angle[2].trim()) };
  }
  const comment = /^(.*?)\s*\((.*)\)\s*$/s.exec(text);
  if (comment) {
    const name = comment[2].trim();
    return { ...(name ? { name } : {}), ...addrSpec(comment[1].trim()) };
  }
  return addrSpec(text);
}

function addrSpec(spec: string): EnvelopeAddress {
  let rest = spec;
  let adl: string | undefined;
  const route = /^(@[^:]+):(.*)$/.exec(rest);
  if (route) {
    adl = route[1];
    rest = route[2];
  }
  const at = rest.lastIndexOf('@');
  const mailbox = unquote(at < 0 ? rest : rest.slice(0, at));
  // Dovecot's message-address parser fills in a placeholder for a missing domain.
  const host = at < 0 ? (mailbox !== '' ? 'MISSING_DOMAIN' : undefined) : rest.slice(at + 1);
  return { ...(adl ? { adl } : {}), ...(mailbox !== '' ? { mailbox } : {}), ...(host !== undefined ? { host } : {}) };
}

function unquote(text: string): string {
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) return text.slice(1, -1).replace(/\\(.)/g, '$1');
  return text;
}

/** Splits at `sep` outside quotes, angle brackets and comments. */
export function splitTopLevel(value: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let angle = 0;
  let paren = 0;
  let group = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quoted) {
      if (c === '\\') {
        cur += c + (value[++i] ?? '');
        continue;
      }
      if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '<') angle++;
    else if (c === '>' && angle > 0) angle--;
    else if (c === '(') paren++;
    else if (c === ')' && paren > 0) paren--;
    else if (c === ':' && angle === 0 && paren === 0 && sep === ',') group = true;
    else if (c === ';' && group) group = false;
    else if (c === sep && angle === 0 && paren === 0 && !group) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out;
}

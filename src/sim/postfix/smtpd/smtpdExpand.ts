/**
 * smtpd_expand(): the $names smtpd expands in text it sends a client (smtpd_reject_footer). Only
 * facts about the session can be named, never main.cf parameters, so a reply cannot reveal the
 * configuration: $client, $client_address, $client_name, $reverse_client_name, $client_port,
 * $helo_name, $sender (and _name, _domain), $recipient (likewise), $server_name, $localtime.
 * Any other name is logged as unknown and expands to nothing. Characters of a value outside
 * smtpd_expansion_filter become "_".
 */
import { expand } from '../expand';
import type { SmtpdSessionState } from './sessionState';

export interface SmtpdExpandContext {
  state: SmtpdSessionState;
  /** $myhostname, which $server_name gives. */
  serverName: string;
  /** smtpd_expansion_filter as main.cf writes it (C escapes such as \t and \40 allowed). */
  filter: string;
  /** The local time as "%b %d %H:%M:%S". */
  localtime(): string;
  /** Logs a warning line. */
  warn(text: string): void;
}

const NAMED: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** unescape(): \a \b \f \n \r \t \v, \ooo octal, and \x for any other x. */
function unescape(text: string): string {
  return text.replace(/\\([0-7]{1,3}|[\s\S])/g, (_, e: string) => (/^[0-7]/.test(e) ? String.fromCharCode(parseInt(e, 8)) : (NAMED[e] ?? e)));
}

/** $sender, $sender_name, $sender_domain (and the recipient ones) of an address; undefined for another suffix. */
function addressPart(address: string | undefined, suffix: string): string | undefined {
  // No address at all: every form is empty.
  if (address === undefined) return '';
  const at = address.lastIndexOf('@');
  if (suffix === '') return address === '' ? '<>' : address;
  if (suffix === '_name') return address === '' ? '<>' : at >= 0 ? address.slice(0, at) : address;
  if (suffix === '_domain') return address === '' || at < 0 ? '' : address.slice(at + 1);
  return undefined;
}

function lookup(name: string, ctx: SmtpdExpandContext): string | undefined {
  const { client, heloName, sender } = ctx.state;
  switch (name) {
    case 'server_name':
      return ctx.serverName;
    case 'client':
      return client.namaddr;
    case 'client_port':
      return String(client.port);
    case 'client_address':
      return client.address;
    case 'client_name':
    case 'reverse_client_name':
      return client.name;
    case 'helo_name':
      return heloName ?? '';
    case 'localtime':
      return ctx.localtime();
  }
  // smtpd knows the recipient only while it checks one, never when it writes a reply.
  if (name.startsWith('sender')) return addressPart(sender, name.slice(6));
  if (name.startsWith('recipient')) return addressPart(undefined, name.slice(9));
  return undefined;
}

/** The template with the session's $names expanded (mac_expand without recursion into values). */
export function smtpdExpand(template: string, ctx: SmtpdExpandContext): string {
  const allowed = new Set(unescape(ctx.filter));
  return expand(template, (name) => {
    const value = lookup(name, ctx);
    if (value === undefined) {
      ctx.warn(`warning: unknown macro name "${name}" in expansion request`);
      return undefined;
    }
    // Filtered byte by byte (a UTF-8 character gives one "_" per byte), and "$" doubled so that
    // expand() takes the value literally.
    return [...value].map((ch) => (allowed.has(ch) ? ch : '_'.repeat(new TextEncoder().encode(ch).length))).join('').replace(/\$/g, '$$$$');
  });
}

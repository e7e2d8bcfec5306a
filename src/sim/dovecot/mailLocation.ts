/**
 * mail_location: where a user's INBOX is. "mbox:~/mail:INBOX=/var/mail/%u" (Debian's default:
 * folders under ~/mail, the INBOX in the spool Postfix's local writes) or "maildir:~/Maildir"
 * (Postfix with home_mailbox = Maildir/). The paths are those of the host's MailStore.
 */
import type { MailboxFormat } from '../mail/mailStore';

export interface UserMailLocation {
  format: MailboxFormat;
  /** The INBOX path in the MailStore; maildir paths end with "/". */
  inbox: string;
  /** The folder root (~/mail for mbox). */
  root: string;
  /**
   * The hierarchy separator IMAP shows: "." for Maildir++ (maildir's default layout: folders are
   * ~/Maildir/.Work.Notes/), "/" for mbox and for maildir with LAYOUT=fs.
   */
  separator: '.' | '/';
}

export function resolveMailLocation(location: string, user: string, home: string): UserMailLocation {
  const [kind, ...rest] = location.split(':');
  const format: MailboxFormat = kind.toLowerCase() === 'maildir' ? 'maildir' : 'mbox';
  const expand = (p: string) => expandMailVars(p, user, home);
  const root = rest.length > 0 && rest[0] !== '' ? expand(rest[0]) : format === 'maildir' ? `${home}/Maildir` : `${home}/mail`;
  const inboxOption = rest.slice(1).find((o) => o.toUpperCase().startsWith('INBOX='));
  let inbox: string;
  if (inboxOption) inbox = expand(inboxOption.slice('INBOX='.length));
  else inbox = format === 'maildir' ? root : `/var/mail/${user}`;
  if (format === 'maildir' && !inbox.endsWith('/')) inbox += '/';
  const fsLayout = rest.slice(1).some((o) => o.toUpperCase() === 'LAYOUT=FS');
  return { format, inbox, root, separator: format === 'maildir' && !fsLayout ? '.' : '/' };
}

/** %u, %n, %d, %h (and %Lu...), "~" at the start: Dovecot's mail variables. */
export function expandMailVars(text: string, user: string, home: string): string {
  const at = user.lastIndexOf('@');
  const vars: Record<string, string> = { u: user, n: at >= 0 ? user.slice(0, at) : user, d: at >= 0 ? user.slice(at + 1) : '', h: home };
  const expanded = text.replace(/%(L?)([undh%])/g, (_, lower: string, k: string) => (k === '%' ? '%' : lower ? vars[k].toLowerCase() : vars[k]));
  return expanded.startsWith('~') ? home + expanded.slice(1) : expanded;
}

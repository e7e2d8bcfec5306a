/**
 * The lines imap-login and pop3-login write (login_log_format = "%$: %s"): the message, then the
 * elements "user=<%u> method=%m rip=%r lip=%l mpid=%e %c session=<%{session}>" with the empty
 * ones left out, joined by ", ".
 */

export interface LoginLogFields {
  user: string;
  method?: string;
  rip: string;
  lip: string;
  mpid?: number;
  /** "secured" for a connection from the server's own address (or TLS). */
  secured: boolean;
  session: string;
}

export function loginLogText(message: string, f: LoginLogFields): string {
  const parts = [`user=<${f.user}>`];
  if (f.method) parts.push(`method=${f.method}`);
  parts.push(`rip=${f.rip}`, `lip=${f.lip}`);
  if (f.mpid !== undefined) parts.push(`mpid=${f.mpid}`);
  if (f.secured) parts.push('secured');
  parts.push(`session=<${f.session}>`);
  return `${message}: ${parts.join(', ')}`;
}

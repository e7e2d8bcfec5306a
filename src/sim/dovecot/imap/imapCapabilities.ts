/**
 * What Dovecot 2.3.19 (Debian) says it can do: a short list before login (with the AUTH=
 * mechanisms, STARTTLS when TLS is configured, LOGINDISABLED when plaintext logins are refused)
 * and the long one after.
 */

export const POST_LOGIN_CAPABILITY =
  'IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY THREAD=REFERENCES THREAD=REFS THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE SNIPPET=FUZZY PREVIEW=FUZZY PREVIEW STATUS=SIZE SAVEDATE LITERAL+ NOTIFY';

export function preLoginCapability(mechanisms: readonly string[], tls: boolean, plaintextDisallowed: boolean): string {
  const caps = ['IMAP4rev1', 'SASL-IR', 'LOGIN-REFERRALS', 'ID', 'ENABLE', 'IDLE', 'LITERAL+'];
  if (tls) caps.push('STARTTLS');
  if (plaintextDisallowed) caps.push('LOGINDISABLED');
  for (const m of mechanisms) caps.push(`AUTH=${m}`);
  return caps.join(' ');
}

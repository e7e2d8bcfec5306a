/**
 * master.cf: Postfix's service table. Each service has a name, a type (inet, unix, ...), five
 * columns, a command and its arguments, with "-o name=value" overrides of main.cf for that
 * service alone — how the submission port gets its own rules.
 */

export interface MasterService {
  name: string;
  type: string;
  private: string;
  unpriv: string;
  chroot: string;
  wakeup: string;
  maxproc: string;
  command: string;
  args: string[];
  /** The -o overrides, in order. */
  overrides: [string, string][];
  line: number;
}

export interface ParsedMasterCf {
  services: MasterService[];
  problems: string[];
}

export const MASTER_CF_PATH = '/etc/postfix/master.cf';

/** Services a master.cf has even when its file says nothing else (Debian 12's default table). */
export const DEBIAN_MASTER_CF = `#
# Postfix master process configuration file.  For details on the format
# of the file, see the master(5) manual page (command: "man 5 master" or
# on-line: http://www.postfix.org/master.5.html).
#
# Do not forget to execute "postfix reload" after editing this file.
#
# ==========================================================================
# service type  private unpriv  chroot  wakeup  maxproc command + args
#               (yes)   (yes)   (no)    (never) (100)
# ==========================================================================
smtp      inet  n       -       y       -       -       smtpd
#smtp      inet  n       -       y       -       1       postscreen
#smtpd     pass  -       -       y       -       -       smtpd
#dnsblog   unix  -       -       y       -       0       dnsblog
#tlsproxy  unix  -       -       y       -       0       tlsproxy
# Choose one: enable submission for loopback clients only, or for any client.
#127.0.0.1:submission inet n -   y       -       -       smtpd
#submission inet n       -       y       -       -       smtpd
#  -o syslog_name=postfix/submission
#  -o smtpd_tls_security_level=encrypt
#  -o smtpd_sasl_auth_enable=yes
#  -o smtpd_tls_auth_only=yes
#  -o smtpd_reject_unlisted_recipient=no
#     Instead of specifying complex smtpd_<xxx>_restrictions here,
#     specify "smtpd_<xxx>_restrictions=$mua_<xxx>_restrictions"
#     here, and specify mua_<xxx>_restrictions in main.cf (where
#     "<xxx>" is "client", "helo", "sender", "relay", or "recipient").
#  -o smtpd_client_restrictions=
#  -o smtpd_helo_restrictions=
#  -o smtpd_sender_restrictions=
#  -o smtpd_relay_restrictions=
#  -o smtpd_recipient_restrictions=permit_sasl_authenticated,reject
#  -o milter_macro_daemon_name=ORIGINATING
# Choose one: enable submissions for loopback clients only, or for any client.
#127.0.0.1:submissions inet n  -       y       -       -       smtpd
#submissions     inet  n       -       y       -       -       smtpd
#  -o syslog_name=postfix/submissions
#  -o smtpd_tls_wrappermode=yes
#  -o smtpd_sasl_auth_enable=yes
#  -o smtpd_reject_unlisted_recipient=no
#     Instead of specifying complex smtpd_<xxx>_restrictions here,
#     specify "smtpd_<xxx>_restrictions=$mua_<xxx>_restrictions"
#     here, and specify mua_<xxx>_restrictions in main.cf (where
#     "<xxx>" is "client", "helo", "sender", "relay", or "recipient").
#  -o smtpd_client_restrictions=
#  -o smtpd_helo_restrictions=
#  -o smtpd_sender_restrictions=
#  -o smtpd_relay_restrictions=
#  -o smtpd_recipient_restrictions=permit_sasl_authenticated,reject
#  -o milter_macro_daemon_name=ORIGINATING
#628       inet  n       -       y       -       -       qmqpd
pickup    unix  n       -       y       60      1       pickup
cleanup   unix  n       -       y       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
#qmgr     unix  n       -       n       300     1       oqmgr
tlsmgr    unix  -       -       y       1000?   1       tlsmgr
rewrite   unix  -       -       y       -       -       trivial-rewrite
bounce    unix  -       -       y       -       0       bounce
defer     unix  -       -       y       -       0       bounce
trace     unix  -       -       y       -       0       bounce
verify    unix  -       -       y       -       1       verify
flush     unix  n       -       y       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       y       -       -       smtp
relay     unix  -       -       y       -       -       smtp
        -o syslog_name=postfix/$service_name
#       -o smtp_helo_timeout=5 -o smtp_connect_timeout=5
showq     unix  n       -       y       -       -       showq
error     unix  -       -       y       -       -       error
retry     unix  -       -       y       -       -       error
discard   unix  -       -       y       -       -       discard
local     unix  -       n       n       -       -       local
virtual   unix  -       n       n       -       -       virtual
lmtp      unix  -       -       y       -       -       lmtp
anvil     unix  -       -       y       -       1       anvil
scache    unix  -       -       y       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
#
# ====================================================================
# Interfaces to non-Postfix software. Be sure to examine the manual
# pages of the non-Postfix software to find out what options it wants.
#
# Many of the following services use the Postfix pipe(8) delivery
# agent.  See the pipe(8) man page for information about \${recipient}
# and other message envelope options.
# ====================================================================
#
# maildrop. See the Postfix MAILDROP_README file for details.
# Also specify in main.cf: maildrop_destination_recipient_limit=1
#
maildrop  unix  -       n       n       -       -       pipe
  flags=DRXhu user=vmail argv=/usr/bin/maildrop -d \${recipient}
#
# ====================================================================
#
# Recent Cyrus versions can use the existing "lmtp" master.cf entry.
#
# Specify in cyrus.conf:
#   lmtp    cmd="lmtpd -a" listen="localhost:lmtp" proto=tcp4
#
# Specify in main.cf one or more of the following:
#  mailbox_transport = lmtp:inet:localhost
#  virtual_transport = lmtp:inet:localhost
#
# ====================================================================
#
# Cyrus 2.1.5 (Amos Gouaux)
# Also specify in main.cf: cyrus_destination_recipient_limit=1
#
#cyrus     unix  -       n       n       -       -       pipe
#  flags=DRX user=cyrus argv=/cyrus/bin/deliver -e -r \${sender} -m \${extension} \${user}
#
# ====================================================================
# Old example of delivery via Cyrus.
#
#old-cyrus unix  -       n       n       -       -       pipe
#  flags=R user=cyrus argv=/cyrus/bin/deliver -e -m \${extension} \${user}
#
# ====================================================================
#
# See the Postfix UUCP_README file for configuration details.
#
uucp      unix  -       n       n       -       -       pipe
  flags=Fqhu user=uucp argv=uux -r -n -z -a$sender - $nexthop!rmail ($recipient)
#
# Other external delivery methods.
#
ifmail    unix  -       n       n       -       -       pipe
  flags=F user=ftn argv=/usr/lib/ifmail/ifmail -r $nexthop ($recipient)
bsmtp     unix  -       n       n       -       -       pipe
  flags=Fq. user=bsmtp argv=/usr/lib/bsmtp/bsmtp -t$nexthop -f$sender $recipient
scalemail-backend unix -       n       n       -       2       pipe
  flags=R user=scalemail argv=/usr/lib/scalemail/bin/scalemail-store \${nexthop} \${user} \${extension}
mailman   unix  -       n       n       -       -       pipe
  flags=FRX user=list argv=/usr/lib/mailman/bin/postfix-to-mailman.py \${nexthop} \${user}
`;

/** Parses master.cf text; lines starting with white space continue the previous service. */
export function parseMasterCf(text: string): ParsedMasterCf {
  const services: MasterService[] = [];
  const problems: string[] = [];
  const logical: { text: string; line: number }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    if (/^\s/.test(raw) && logical.length > 0) logical[logical.length - 1].text += ` ${trimmed}`;
    else logical.push({ text: trimmed, line: i + 1 });
  });
  for (const { text: l, line } of logical) {
    const words = l.split(/\s+/);
    if (words.length < 8) {
      problems.push(`${MASTER_CF_PATH}: line ${line}: bad field count`);
      continue;
    }
    const [name, type, priv, unpriv, chroot, wakeup, maxproc, command, ...rest] = words;
    const args: string[] = [];
    const overrides: [string, string][] = [];
    for (let i = 0; i < rest.length; i++) {
      if (rest[i] === '-o' && i + 1 < rest.length) {
        const kv = rest[++i];
        const eq = kv.indexOf('=');
        if (eq > 0) overrides.push([kv.slice(0, eq), kv.slice(eq + 1)]);
        args.push('-o', kv);
      } else args.push(rest[i]);
    }
    services.push({ name, type, private: priv, unpriv, chroot, wakeup, maxproc, command, args, overrides, line });
  }
  return { services, problems };
}

const COLUMNS = [0, 11, 17, 25, 33, 41, 49, 57];

/** One service as `postconf -M` prints it: fields at fixed columns, arguments on the same line. */
export function formatMasterService(s: MasterService): string {
  const fields = [s.name, s.type, s.private, s.unpriv, s.chroot, s.wakeup, s.maxproc, s.command];
  let out = '';
  fields.forEach((f, i) => {
    if (out.length < COLUMNS[i]) out = out.padEnd(COLUMNS[i]);
    else if (out.length > 0) out += ' ';
    out += f;
  });
  return [out, ...s.args].join(' ');
}

/** The TCP port and address an inet service listens on: "smtp", "submission", "127.0.0.1:10025". */
export function inetEndpoint(name: string): { address?: string; port: number } | undefined {
  const colon = name.lastIndexOf(':');
  const host = colon >= 0 ? name.slice(0, colon) : undefined;
  const service = colon >= 0 ? name.slice(colon + 1) : name;
  const known: Record<string, number> = { smtp: 25, submission: 587, submissions: 465, smtps: 465, pop3: 110, imap: 143 };
  const port = /^\d+$/.test(service) ? Number(service) : known[service];
  if (port === undefined) return undefined;
  return { address: host, port };
}

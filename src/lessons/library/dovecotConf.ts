/**
 * doveconf -n of the classroom's Dovecot: POP3 and IMAP for the Unix users, passwords in a
 * passwd-file, mail in /var/spool/mail/USER, and the auth socket Postfix uses for SASL.
 */
export const DOVECOT_CONF = `auth_mechanisms = plain login
disable_plaintext_auth = no
first_valid_uid = 1000
mail_location = mbox:~/mail:INBOX=/var/spool/mail/%u
mail_privileged_group = mail
passdb {
  args = scheme=PLAIN username_format=%u /etc/dovecot/users
  driver = passwd-file
}
protocols = imap pop3
service auth {
  unix_listener /var/spool/postfix/private/auth {
    group = postfix
    mode = 0660
    user = postfix
  }
}
ssl = no
userdb {
  args = username_format=%u /etc/dovecot/users
  driver = passwd-file
}
`;

export const LAB_USERS = [
  { user: 'alice', password: 'wonderland' },
  { user: 'bob', password: 'builder' },
  { user: 'ansible', password: 'redhat' },
];

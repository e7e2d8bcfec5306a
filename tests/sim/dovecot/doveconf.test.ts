import { describe, expect, it } from 'vitest';
import { parseDoveconf } from '../../../src/sim/dovecot/doveconf';
import { dovecotSettings } from '../../../src/sim/dovecot/dovecotSettings';
import { listenAddresses } from '../../../src/sim/dovecot/dovecot';

/** doveconf -n of the recorded lab host (comment lines dropped). */
const LAB_CONF = `auth_mechanisms = plain login
disable_plaintext_auth = no
first_valid_uid = 1000
listen = 127.0.0.1
mail_location = mbox:~/mail:INBOX=/var/mail/%u
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

describe('parseDoveconf', () => {
  it('keeps settings and nested sections as written', () => {
    const { root, problems } = parseDoveconf(LAB_CONF);
    expect(problems).toEqual([]);
    expect(root.settings.listen).toBe('127.0.0.1');
    expect(root.sections.map((s) => `${s.type} ${s.name}`.trim())).toEqual(['passdb', 'service auth', 'userdb']);
    const service = root.sections[1];
    expect(service.sections[0]).toMatchObject({ type: 'unix_listener', name: '/var/spool/postfix/private/auth', settings: { mode: '0660', user: 'postfix' } });
  });

  it('drops comments and quotes, reports what it cannot read', () => {
    const { root, problems } = parseDoveconf('# 2.3.19.1 (9b53102964): /etc/dovecot/dovecot.conf\nlogin_greeting = "Hello # there"\nfoo bar\n}\nprotocol imap {\n');
    expect(root.settings.login_greeting).toBe('Hello # there');
    expect(problems.map((p) => p.message)).toEqual(["Expecting '=': foo bar", "Unexpected '}'", "Missing '}'"]);
  });
});

describe('dovecotSettings', () => {
  it('reads the lab configuration', () => {
    const s = dovecotSettings(LAB_CONF);
    expect(s).toMatchObject({
      protocols: ['imap', 'pop3'],
      listen: ['127.0.0.1'],
      authMechanisms: ['PLAIN', 'LOGIN'],
      disablePlaintextAuth: false,
      ssl: 'no',
      mailLocation: 'mbox:~/mail:INBOX=/var/mail/%u',
      firstValidUid: 1000,
      passdbs: [{ driver: 'passwd-file', args: 'scheme=PLAIN username_format=%u /etc/dovecot/users' }],
      authListeners: ['/var/spool/postfix/private/auth'],
    });
  });

  it("fills in Debian's defaults", () => {
    const s = dovecotSettings('');
    expect(s).toMatchObject({
      protocols: ['imap', 'pop3'],
      listen: ['*', '::'],
      authMechanisms: ['PLAIN'],
      disablePlaintextAuth: true,
      ssl: 'yes',
      loginGreeting: 'Dovecot (Debian) ready.',
      pop3UidlFormat: '%08Xu%08Xv',
      authUsernameFormat: '%Lu',
      authFailureDelayMs: 2000,
    });
  });

  it('protocols = none runs only the auth service (Postfix SASL)', () => {
    expect(dovecotSettings('protocols = none').protocols).toEqual([]);
  });

  it('listen: "*" and "::" mean every address', () => {
    expect(listenAddresses(['*', '::'])).toBeUndefined();
    expect(listenAddresses(['127.0.0.1', '[::1]'])).toEqual(['127.0.0.1', '::1']);
  });
});

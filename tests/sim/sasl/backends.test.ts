import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/sim/core/rng';
import { passwordMatches, plainSecret } from '../../../src/sim/sasl/backend';
import { base64OfText } from '../../../src/sim/sasl/base64';
import { parseCyrusConf } from '../../../src/sim/sasl/cyrusConf';
import { cyrusSaslServer } from '../../../src/sim/sasl/cyrusSasl';
import { PasswdFile } from '../../../src/sim/sasl/passwdFile';
import { Sasldb } from '../../../src/sim/sasl/sasldb';
import { expandQuery, parseSelect, runSelect, SqlPasswordBackend } from '../../../src/sim/sasl/sqlTable';
import type { SqlTable } from '../../../src/sim/scenario/schema';

const mailbox: SqlTable = {
  columns: ['username', 'password', 'name', 'maildir', 'quota', 'domain', 'active'],
  rows: [
    ['alice@example.com', '{PLAIN}wonderland', 'Alice', 'example.com/alice/', 0, 'example.com', '1'],
    ['bob@example.com', 'builder', 'Bob', 'example.com/bob/', 0, 'example.com', '0'],
    ["o'neil@example.com", '{PLAIN-MD5}5f4dcc3b5aa765d61d8327deb882cf99', "O'Neil", 'example.com/oneil/', 0, 'example.com', '1'],
  ],
};

describe('stored password schemes', () => {
  it.each([
    ['wonderland', 'wonderland', true],
    ['{PLAIN}wonderland', 'wonderland', true],
    ['{CLEARTEXT}wonderland', 'x', false],
    ['{PLAIN-MD5}5f4dcc3b5aa765d61d8327deb882cf99', 'password', true],
    ['{MD5}5F4DCC3B5AA765D61D8327DEB882CF99', 'password', true],
    ['{SHA512-CRYPT}$6$x', 'password', false],
  ])('%s / %s', (stored, password, ok) => {
    expect(passwordMatches(stored, password)).toBe(ok);
  });

  it('only clear-text schemes give CRAM-MD5 its secret', () => {
    expect(plainSecret('{PLAIN}x')).toBe('x');
    expect(plainSecret('{PLAIN-MD5}abc')).toBeUndefined();
  });
});

describe('passwd-file and sasldb', () => {
  it('passwd-file: exact user names', () => {
    const f = new PasswdFile([{ user: 'alice', password: 'wonderland' }]);
    expect(f.lookup('alice')).toMatchObject({ found: true, stored: 'wonderland', backend: 'passwd-file' });
    expect(f.lookup('bob').found).toBe(false);
    expect(f.text()).toBe('alice:{PLAIN}wonderland:1000:1000::/home/alice\n');
  });

  it('sasldb: users in the realm $myhostname unless they name another known realm', () => {
    const db = new Sasldb([{ user: 'alice', password: 'w' }, { user: 'carol', password: 'c', realm: 'example.com' }], 'mail.example.com');
    expect(db.lookup('alice')).toMatchObject({ user: 'alice', found: true });
    expect(db.key('alice')).toBe('alice@mail.example.com');
    expect(db.lookup('alice@mail.example.com').found).toBe(true);
    expect(db.lookup('carol').found).toBe(false);
    expect(db.lookup('carol@example.com').found).toBe(true);
    expect(db.listUsers()).toEqual(['alice@mail.example.com: userPassword', 'carol@example.com: userPassword']);
  });
});

describe('SQL tables', () => {
  it('fills the query template in, quoting like SQL', () => {
    expect(expandQuery("SELECT password FROM mailbox WHERE username = '%u'", "o'neil@example.com")).toBe(
      "SELECT password FROM mailbox WHERE username = 'o''neil@example.com'",
    );
    expect(expandQuery("... WHERE local_part = '%n' AND domain = '%d' AND realm = '%r'", 'a@b.c', 'mail.b.c')).toBe(
      "... WHERE local_part = 'a' AND domain = 'b.c' AND realm = 'mail.b.c'",
    );
  });

  it('parses and runs the SELECT dialect of the lab', () => {
    expect(parseSelect("SELECT username AS user, password FROM mailbox WHERE username = 'x' AND active = 1")).toEqual({
      columns: [{ name: 'username', as: 'user' }, { name: 'password', as: 'password' }],
      table: 'mailbox',
      where: [{ column: 'username', value: 'x' }, { column: 'active', value: '1' }],
    });
    expect(runSelect("SELECT name FROM mailbox WHERE domain = 'example.com' AND active = '1'", { mailbox })).toEqual([{ name: 'Alice' }, { name: "O'Neil" }]);
    expect(runSelect('SELECT * FROM nowhere', { mailbox })).toBeUndefined();
    expect(parseSelect('DROP TABLE mailbox')).toBeUndefined();
  });

  it('looks a user up and shows the query that ran', () => {
    const sql = new SqlPasswordBackend({ tables: { mailbox } });
    expect(sql.lookup('alice@example.com')).toEqual({
      user: 'alice@example.com',
      found: true,
      stored: '{PLAIN}wonderland',
      backend: 'sql',
      query: "SELECT password FROM mailbox WHERE username = 'alice@example.com' AND active = '1'",
    });
    // Inactive accounts are not found.
    expect(sql.lookup('bob@example.com').found).toBe(false);
  });
});

describe('Cyrus SASL for smtpd', () => {
  it('parses smtpd.conf', () => {
    expect(parseCyrusConf('pwcheck_method: auxprop\nauxprop_plugin: sasldb\nmech_list: plain login cram-md5\n')).toMatchObject({
      pwcheckMethod: 'auxprop',
      auxpropPlugin: 'sasldb',
      mechList: ['PLAIN', 'LOGIN', 'CRAM-MD5'],
    });
    expect(parseCyrusConf(undefined)).toMatchObject({ pwcheckMethod: 'auxprop', auxpropPlugin: 'sasldb' });
  });

  const setup = (confText: string) =>
    cyrusSaslServer({
      confText,
      users: [{ user: 'alice', password: 'wonderland' }],
      hostname: 'mail.example.com',
      tables: { mailbox },
      rng: new Rng(3),
      epochNow: () => Date.parse('2024-01-01T09:00:00Z'),
    });

  it('mech_list order is the advertised order; without it the strongest comes first', () => {
    expect(setup('mech_list: LOGIN PLAIN').mechanisms()).toEqual(['LOGIN', 'PLAIN']);
    expect(setup('pwcheck_method: auxprop').mechanisms()).toEqual(['CRAM-MD5', 'PLAIN', 'LOGIN']);
  });

  it('sasldb in the realm $myhostname', () => {
    const s = setup('pwcheck_method: auxprop\nmech_list: PLAIN');
    expect(s.type).toBe('cyrus');
    expect(s.begin('PLAIN')!.start(base64OfText('\0alice\0wonderland'))).toMatchObject({ kind: 'success', user: 'alice', backend: 'sasldb' });
  });

  it('saslauthd checks passwords but cannot do CRAM-MD5', () => {
    const s = setup('pwcheck_method: saslauthd\nmech_list: PLAIN CRAM-MD5');
    expect(s.begin('PLAIN')!.start(base64OfText('\0alice\0wonderland'))).toMatchObject({ kind: 'success', backend: 'saslauthd' });
    const x = s.begin('CRAM-MD5')!;
    x.start();
    expect(x.next(base64OfText('alice 0123456789abcdef0123456789abcdef'))).toMatchObject({ kind: 'failure', reason: 'bad-credentials' });
  });

  it('auxprop sql with sql_select', () => {
    const s = setup("pwcheck_method: auxprop\nauxprop_plugin: sql\nmech_list: PLAIN\nsql_select: SELECT password FROM mailbox WHERE username = '%u'");
    expect(s.begin('PLAIN')!.start(base64OfText('\0alice@example.com\0wonderland'))).toMatchObject({
      kind: 'success',
      backend: 'sql',
      query: "SELECT password FROM mailbox WHERE username = 'alice@example.com'",
    });
  });
});

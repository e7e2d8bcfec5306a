/**
 * postconf on the lesson's mail host, compared line by line with what the real postconf of
 * Postfix 3.7.11 prints for the same main.cf and interfaces (fixtures/postconf/record.sh).
 */
import { describe, expect, it } from 'vitest';
import { fixture, lesson, mailHost, MAIL, Session, WS } from './helpers';

const withoutPid = (lines: string[]) => lines.map((l) => l.replace(/^process_id = \d+$/, 'process_id = PID'));

describe('postconf listings match the real postconf', () => {
  const sh = new Session(lesson());
  it.each([
    ['postconf', 'postconf.txt'],
    ['postconf -d', 'postconf-d.txt'],
    ['postconf -x', 'postconf-x.txt'],
    ['postconf -M', 'postconf-M.txt'],
    ['postconf -Mf', 'postconf-Mf.txt'],
    ['postconf -P', 'postconf-P.txt'],
  ])('%s', (command, file) => {
    expect(withoutPid(sh.type(command))).toEqual(withoutPid(fixture('postconf', file)));
  });

  it('postconf -n lists main.cf sorted', () => {
    expect(sh.type('postconf -n')).toEqual(fixture('postconf', 'lesson-main.cf'));
  });

  it('shows defaults unexpanded, host-computed ones computed', () => {
    expect(sh.type('postconf -d mynetworks myhostname relay_domains mynetworks_style')).toEqual([
      'mynetworks = 127.0.0.0/8 192.168.1.0/24 [::1]/128',
      'myhostname = mail.example.com',
      'relay_domains = ${{$compatibility_level} <level {2} ? {$mydestination} : {}}',
      'mynetworks_style = ${{$compatibility_level} <level {2} ? {subnet} : {host}}',
    ]);
    expect(sh.type('postconf -dx relay_domains')).toEqual(['relay_domains = mail.example.com, localhost.example.com, localhost']);
    expect(sh.type('postconf -h myhostname')).toEqual(['mail.example.com']);
    expect(sh.type('postconf -H myhostname mydomain')).toEqual(['myhostname', 'mydomain']);
  });

  it('prints the build: map types, SASL plug-ins, lock types', () => {
    expect(sh.type('postconf -A')).toEqual(['cyrus']);
    expect(sh.type('postconf -a')).toEqual(['cyrus', 'dovecot']);
    expect(sh.type('postconf -m')).toContain('hash');
    expect(sh.type('postconf -l')).toEqual(['flock', 'fcntl', 'dotlock']);
  });
});

describe('postconf -e, -X, -#', () => {
  it('edits main.cf on disk; postconf reads the new file at once', () => {
    const sh = new Session(lesson());
    expect(sh.type("postconf -e 'myhostname = mx.example.com' 'relayhost=  [smtp.example.net]'")).toEqual([]);
    const text = sh.terminal.host.fs.read('/etc/postfix/main.cf')!;
    expect(text).toContain('\nmyhostname = mx.example.com\n');
    expect(text.endsWith('relayhost = [smtp.example.net]\n')).toBe(true);
    expect(sh.type('postconf myhostname relayhost')).toEqual(['myhostname = mx.example.com', 'relayhost = [smtp.example.net]']);
  });

  it('refuses a bad argument as the real one does, changing nothing', () => {
    const sh = new Session(lesson());
    const before = sh.terminal.host.fs.read('/etc/postfix/main.cf');
    expect(sh.type('postconf -e bogus')).toEqual(['postconf: fatal: missing \'=\' after attribute name: "bogus"']);
    expect(sh.type("postconf -e 'foo bar=1'")).toEqual(['postconf: fatal: missing \'=\' after attribute name: "foo bar=1"']);
    expect(sh.type('postconf -e =1')).toEqual(['postconf: fatal: missing attribute name: "=1"']);
    expect(sh.type('postconf -e')).toEqual(['postconf: fatal: -e requires name=value argument']);
    expect(sh.terminal.lastExitStatus).toBe(1);
    expect(sh.terminal.host.fs.read('/etc/postfix/main.cf')).toBe(before);
  });

  it('comments out and removes parameters with their continuation lines', () => {
    const sh = new Session(
      lesson((s) => {
        mailHost(s).main_cf = 'myhostname = a.example.com\nrelayhost = [x]\n  [y]\nmydomain = example.com\n';
      }),
    );
    sh.type('postconf -# relayhost');
    expect(sh.terminal.host.fs.read('/etc/postfix/main.cf')).toBe('myhostname = a.example.com\n#relayhost = [x]\n#  [y]\nmydomain = example.com\n');
    sh.type('postconf -X myhostname');
    expect(sh.terminal.host.fs.read('/etc/postfix/main.cf')).toBe('#relayhost = [x]\n#  [y]\nmydomain = example.com\n');
  });
});

describe('postconf warnings and errors', () => {
  it('warns of unknown names first and of unused main.cf parameters after the listing', () => {
    const sh = new Session(lesson());
    sh.type('postconf -e foo_bar=1');
    expect(sh.type('postconf myhostname nosuch mydomain')).toEqual([
      'postconf: warning: nosuch: unknown parameter',
      'myhostname = mail.example.com',
      'mydomain = example.com',
      'postconf: warning: /etc/postfix/main.cf: unused parameter: foo_bar=1',
    ]);
    // -d does not read main.cf's settings, so it has nothing to say about them.
    expect(sh.type('postconf -d nosuch')).toEqual(['postconf: warning: nosuch: unknown parameter']);
  });

  it('knows a user-defined parameter once another parameter refers to it', () => {
    const sh = new Session(lesson());
    sh.type('postconf -e newp=1');
    expect(sh.type('postconf newp')).toEqual(['postconf: warning: newp: unknown parameter', 'postconf: warning: /etc/postfix/main.cf: unused parameter: newp=1']);
    sh.type("postconf -e 'x_ref=$newp'");
    expect(sh.type('postconf newp')).toEqual(['newp = 1', 'postconf: warning: /etc/postfix/main.cf: unused parameter: x_ref=$newp']);
  });

  it.each([
    ['postconf -Z', ["postconf: invalid option -- 'Z'", expect.stringMatching(/^postconf: fatal: usage: postconf \[-a \(server SASL types\)\]/)]],
    ['postconf -c', ["postconf: option requires an argument -- 'c'", expect.stringMatching(/^postconf: fatal: usage: /)]],
    ['postconf -d -n', ['postconf: fatal: specify one of -d -n']],
    ['postconf -m -A', ['postconf: fatal: specify one of -A -m']],
    ['postconf -e -X foo', ['postconf: fatal: specify one of -e -X']],
    ['postconf -x -e foo=1', ['postconf: fatal: specify one of -e -x']],
    ['postconf -a -n', ['postconf: fatal: with option -a, do not specify -n']],
    ['postconf -nM', ['postconf: fatal: with option -M, do not specify -n']],
    ['postconf -M bad/type/x', ['postconf: fatal: -M option requires service_name[/type]']],
    ['postconf -M nosuch smtp/nosuch', ['postconf: warning: unmatched request: "nosuch"', 'postconf: warning: unmatched request: "smtp/nosuch"']],
    ['postconf -o bad myhostname', ["postconf: fatal: invalid parameter override: bad: missing '=' after attribute name"]],
    ['postconf -c /nonexist myhostname', ['postconf: fatal: open /nonexist/main.cf: No such file or directory']],
    ['postconf -X', ['postconf: fatal: missing service argument']],
  ])('%s', (command, expected) => {
    expect(new Session(lesson()).type(command)).toEqual(expected);
  });

  it('-o overrides a value for this run only', () => {
    const sh = new Session(lesson());
    expect(sh.type('postconf -o myhostname=x myhostname')).toEqual(['myhostname = x']);
    expect(sh.type('postconf myhostname')).toEqual(['myhostname = mail.example.com']);
  });

  it('is not there on a host without Postfix', () => {
    expect(new Session(lesson(), WS).type('postconf -n')).toEqual(['-bash: postconf: command not found']);
    expect(MAIL).toBe('mail.example.com');
  });
});

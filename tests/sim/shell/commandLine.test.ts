/**
 * The bits of bash around the mail commands: lists (; && ||), pipes, > >> < redirections,
 * quotes protecting them, and control keys typed as lines of their own.
 */
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../../src/sim/shell/commandLine';
import { CTRL_C } from '../../../src/sim/shell/terminal';
import { lesson, Session, WS } from './helpers';

describe('parseCommandLine', () => {
  it.each([
    ['postconf -n', [{ op: ';', stages: [{ argv: ['postconf', '-n'] }] }]],
    ['postconf | grep relay', [{ op: ';', stages: [{ argv: ['postconf'] }, { argv: ['grep', 'relay'] }] }]],
    ["echo 'a|b; c' > /tmp/x", [{ op: ';', stages: [{ argv: ['echo', 'a|b; c'], output: { path: '/tmp/x', append: false } }] }]],
    ['echo "staff: ansible" >> /etc/aliases && newaliases', [
      { op: ';', stages: [{ argv: ['echo', 'staff: ansible'], output: { path: '/etc/aliases', append: true } }] },
      { op: '&&', stages: [{ argv: ['newaliases'] }] },
    ]],
    ['sendmail root < /tmp/msg; mailq || true', [
      { op: ';', stages: [{ argv: ['sendmail', 'root'], input: '/tmp/msg' }] },
      { op: ';', stages: [{ argv: ['mailq'] }] },
      { op: '||', stages: [{ argv: ['true'] }] },
    ]],
    ['postconf 2>/dev/null', [{ op: ';', stages: [{ argv: ['postconf'] }] }]],
  ])('%s', (line, expected) => {
    expect(parseCommandLine(line)).toEqual(expected);
  });
});

describe('the terminal runs lists, pipes and redirections', () => {
  it('pipes output into the next command and writes files', () => {
    const sh = new Session(lesson(), WS);
    expect(sh.type('echo hello > /tmp/a; echo world >> /tmp/a')).toEqual([]);
    expect(sh.terminal.host.fs.read('/tmp/a')).toBe('hello\nworld\n');
    expect(sh.type('echo a && echo b || echo c')).toEqual(['a', 'b']);
    expect(sh.type('nosuch && echo b || echo c')).toEqual(['-bash: nosuch: command not found', 'c']);
  });

  it('refuses to write outside the home directory for a normal user', () => {
    const sh = new Session(lesson(), WS);
    sh.type('su - student');
    expect(sh.type('echo x > /etc/hosts')).toEqual(['-bash: /etc/hosts: Permission denied']);
    expect(sh.type('echo x > notes.txt')).toEqual([]);
    expect(sh.terminal.host.fs.read('/home/student/notes.txt')).toBe('x\n');
  });

  it('expands variables as bash does: not in single quotes, so a double-quoted $myhostname is lost', () => {
    const sh = new Session(lesson());
    expect(sh.type('echo $HOME ~ "$USER" \'$USER\' ${HOSTNAME}')).toEqual(['/root /root root $USER mail']);
    sh.type('postconf -e "mydestination = $myhostname, localhost"');
    expect(sh.type('postconf -n mydestination')).toEqual(['mydestination = , localhost']);
    sh.type("postconf -e 'mydestination = $myhostname, localhost'");
    expect(sh.type('postconf -n mydestination')).toEqual(['mydestination = $myhostname, localhost']);
    sh.type('nosuch');
    expect(sh.type('echo $?')).toEqual(['127']);
  });

  it('shows ^C for Ctrl-C at the prompt', () => {
    const sh = new Session(lesson(), WS);
    const start = sh.terminal.transcript.length;
    sh.terminal.input(CTRL_C);
    expect(sh.terminal.transcript.slice(start)).toEqual(['[root@ws ~]# ^C']);
  });
});

/**
 * "|command" deliveries: the small /bin/sh local(8) runs them through, and the verdict local
 * draws from how the command ended (Postfix 3.7.11 on Debian: /bin/false bounces 5.3.0
 * "Command died with status 1", exit 75 defers 4.3.0, a missing absolute path is an exec failure).
 */
import { describe, expect, it } from 'vitest';
import { runDeliveryCommand, type CommandHost } from '../../../../src/sim/postfix/local/deliveryCommand';
import { pipeVerdict } from '../../../../src/sim/postfix/local/pipeCommand';

function host(files: Record<string, string> = {}): CommandHost & { files: Record<string, string> } {
  return {
    files,
    stdin: 'From carol@example.org\nSubject: hi\n\nbody\n',
    writeFile(path, text, append) {
      if (path.startsWith('/root/')) return 'EACCES';
      files[path] = append ? (files[path] ?? '') + text : text;
      return undefined;
    },
    readFile: (path) => files[path],
  };
}

function verdictOf(command: string, h = host()) {
  return pipeVerdict(command, runDeliveryCommand(command, h));
}

describe('delivery commands', () => {
  it('delivers when the command exits 0, and bounces /bin/false with its status', () => {
    expect(verdictOf('/bin/true')).toEqual({ kind: 'ok' });
    expect(verdictOf('/bin/false')).toMatchObject({ kind: 'bounce', dsn: '5.3.0', reason: 'Command died with status 1: "/bin/false"' });
  });

  it('defers a command that exits with EX_TEMPFAIL (75)', () => {
    expect(verdictOf('exit 75')).toMatchObject({ kind: 'defer', dsn: '4.3.0', reason: 'temporary failure' });
  });

  it('reports an absolute path that does not exist as an exec failure', () => {
    const v = verdictOf('/usr/local/bin/nosuch');
    expect(v).toMatchObject({ kind: 'defer', dsn: '4.3.0' });
    expect(v.kind !== 'ok' && v.reason).toContain('execvp /usr/local/bin/nosuch: No such file or directory');
  });

  it('lets sh report a program that is not on the host (status 127)', () => {
    const v = verdictOf('procmail -a x');
    expect(v).toMatchObject({ kind: 'bounce', dsn: '5.3.0' });
    expect(v.kind !== 'ok' && v.reason).toContain('procmail: not found');
  });

  it('writes the piped message with cat > FILE and appends with >>', () => {
    const h = host({ '/tmp/log': 'before\n' });
    expect(verdictOf('cat > /tmp/copy', h)).toEqual({ kind: 'ok' });
    expect(h.files['/tmp/copy']).toContain('Subject: hi');
    expect(verdictOf('echo seen >> /tmp/log', h)).toEqual({ kind: 'ok' });
    expect(h.files['/tmp/log']).toBe('before\nseen\n');
  });

  it('follows && and || by exit status', () => {
    const h = host();
    verdictOf('false && echo no > /tmp/a', h);
    verdictOf('false || echo yes > /tmp/b', h);
    expect(h.files['/tmp/a']).toBeUndefined();
    expect(h.files['/tmp/b']).toBe('yes\n');
  });

  it('quotes what a failing command printed, and uses a D.S.N it printed itself', () => {
    const quoted = verdictOf('echo out of space; exit 1');
    expect(quoted.kind !== 'ok' && quoted.reason).toMatch(/Command died with status 1: ".*"\. Command output: out of space/);
    // pipe_command turns the output's newline into a blank and does not trim it.
    expect(verdictOf('echo 5.1.1 no such mailbox; exit 1')).toMatchObject({ kind: 'bounce', dsn: '5.1.1', reason: 'no such mailbox ' });
  });
});

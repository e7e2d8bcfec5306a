/**
 * The command line of a DNS case as the replay runs it: bash's word splitting and an echo or
 * printf piped into nslookup (interactive nslookup reading its commands from standard input).
 */
import { describe, expect, it } from 'vitest';
import { printf, runCommand } from '../../../src/sim/shell/runCommand';
import { World } from '../../../src/sim/world';
import '../../../src/sim/modules';

function world(): World {
  return new World({
    version: 2,
    hosts: [
      {
        name: 'mail.example.com',
        addresses: ['127.0.0.1'],
        resolv_conf: 'nameserver 127.0.0.1\n',
        dns: {
          zones: [
            {
              origin: 'example.org',
              records: [
                { name: '@', type: 'SOA', value: 'ns1.example.org. hostmaster.example.org. 1 3600 900 604800 300' },
                { name: '@', type: 'NS', value: 'ns1.example.org.' },
                { name: 'ns1', type: 'A', value: '127.0.0.1' },
                { name: '@', type: 'MX', value: '10 mx1' },
                { name: 'mx1', type: 'A', value: '127.0.0.11' },
                { name: '_dmarc', type: 'TXT', value: '"v=DMARC1; p=none"' },
              ],
            },
          ],
        },
      },
    ],
  });
}

describe('runCommand', () => {
  it('feeds printf output to nslookup as typed commands, without prompts', () => {
    const w = world();
    const out = runCommand(w, w.host('mail.example.com')!, "printf 'set type=mx\\nexample.org\\nset type=txt\\n_dmarc.example.org\\nexit\\n' | nslookup");
    expect(out.stdout).toEqual([
      'Server:\t\t127.0.0.1',
      'Address:\t127.0.0.1#53',
      '',
      'example.org\tmail exchanger = 10 mx1.example.org.',
      'Server:\t\t127.0.0.1',
      'Address:\t127.0.0.1#53',
      '',
      '_dmarc.example.org\ttext = "v=DMARC1; p=none"',
      '',
    ]);
    expect(out.exitStatus).toBe(0);
  });

  it('splits words as bash does: quotes hold a word together', () => {
    const w = world();
    expect(runCommand(w, w.host('mail.example.com')!, 'dig +short "example.org" \'MX\'').stdout).toEqual(['10 mx1.example.org.']);
    expect(runCommand(w, w.host('mail.example.com')!, 'echo example.org | nslookup -type=mx').stdout[3]).toBe('example.org\tmail exchanger = 10 mx1.example.org.');
  });

  it('other programs are not found', () => {
    const w = world();
    expect(runCommand(w, w.host('mail.example.com')!, 'cat /etc/hosts')).toEqual({ stdout: ['-bash: cat: command not found'], exitStatus: 127 });
  });

  it('printf expands escapes and reuses its format for the remaining arguments', () => {
    expect(printf('%s=%d\\n', ['a', '1', 'b', 'x'])).toBe('a=1\nb=0\n');
    expect(printf('100%%\\t\\x41\\0101', [])).toBe('100%\tAA');
  });
});

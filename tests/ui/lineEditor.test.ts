import { describe, expect, it } from 'vitest';
import { handleKey, remember } from '../../src/ui/terminal/lineEditor';

const at = (text: string, cursor = text.length) => ({ text, cursor });
const none = { index: 0, draft: '' };

describe('terminal line editing', () => {
  it.each([
    [{ key: 'a', ctrl: true }, at('telnet localhost 25'), at('telnet localhost 25', 0)],
    [{ key: 'e', ctrl: true }, at('telnet', 2), at('telnet')],
    [{ key: 'u', ctrl: true }, at('mail from:x', 5), at('from:x', 0)],
    [{ key: 'k', ctrl: true }, at('mail from:x', 4), at('mail', 4)],
    [{ key: 'w', ctrl: true }, at('tail -f /var/log/maillog'), at('tail -f ')],
    [{ key: 'Tab', ctrl: false }, at('teln'), at('telnet ')],
    [{ key: 'Tab', ctrl: false }, at('post'), at('post')],
    [{ key: 'Tab', ctrl: false }, at('newal'), at('newaliases ')],
  ])('%o on %o gives %o', (key, line, expected) => {
    const r = handleKey(line, key, [], none);
    if (r.kind === 'edit') expect(r.line).toEqual(expected);
    else expect(line).toEqual(expected);
  });

  it('browses the history and comes back to the draft', () => {
    const history = ['postconf -n', 'mailq'];
    let browse = { index: 2, draft: '' };
    let line = at('tai');
    const up = handleKey(line, { key: 'ArrowUp', ctrl: false }, history, browse);
    expect(up).toMatchObject({ kind: 'edit', line: at('mailq') });
    if (up.kind !== 'edit') throw new Error();
    browse = up.history!;
    line = up.line;
    const up2 = handleKey(line, { key: 'ArrowUp', ctrl: false }, history, browse);
    if (up2.kind !== 'edit') throw new Error();
    expect(up2.line.text).toBe('postconf -n');
    const down = handleKey(up2.line, { key: 'ArrowDown', ctrl: false }, history, up2.history!);
    if (down.kind !== 'edit') throw new Error();
    const down2 = handleKey(down.line, { key: 'ArrowDown', ctrl: false }, history, down.history!);
    if (down2.kind !== 'edit') throw new Error();
    expect(down2.line.text).toBe('tai');
  });

  it('submits, interrupts and remembers like bash', () => {
    expect(handleKey(at('x'), { key: 'Enter', ctrl: false }, [], none).kind).toBe('submit');
    expect(handleKey(at('x'), { key: 'c', ctrl: true }, [], none).kind).toBe('interrupt');
    expect(handleKey(at(''), { key: 'd', ctrl: true }, [], none).kind).toBe('eof');
    expect(handleKey(at('abc', 1), { key: 'd', ctrl: true }, [], none)).toEqual({ kind: 'edit', line: at('ac', 1) });
    expect(handleKey(at(''), { key: ']', ctrl: true }, [], none).kind).toBe('escape');
    const h: string[] = [];
    remember(h, 'mailq');
    remember(h, 'mailq');
    remember(h, '  ');
    expect(h).toEqual(['mailq']);
  });
});

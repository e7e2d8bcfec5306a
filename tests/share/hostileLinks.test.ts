/**
 * A link is untrusted input. Whatever it holds — a deflate bomb, a payload of the wrong shape,
 * markup in names or in the language and panel fields — decoding ends in a state or in a
 * message with a code the page translates; it never throws and never hands markup on as a panel
 * or a language.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LESSON } from '../../src/lessons/defaultLesson';
import { compress, decodeState, MAX_UNPACKED, type LessonSource } from '../../src/share/urlCodec';

const lessons: LessonSource = { scenarioOf: (id) => (id === 'telnet' ? DEFAULT_LESSON : undefined) };
const packed = async (payload: unknown) => `#S=${await compress(JSON.stringify(payload))}`;

describe('hostile links', () => {
  it('stops unpacking a small link that would inflate past the cap', async () => {
    const bomb = await packed({ v: 1, s: { version: 2, title: 'x'.repeat(MAX_UNPACKED + 10), hosts: [] } });
    expect(bomb.length).toBeLessThan(20_000);
    const r = await decodeState(bomb, lessons);
    expect(r).toMatchObject({ code: 'damaged' });
  });

  it.each([
    ['a list', [1, 2]],
    ['a number', 42],
    ['a newer link format', { v: 99, s: {} }],
    ['no version', { s: {} }],
  ])('refuses a payload that is %s with a code', async (_what, payload) => {
    const r = await decodeState(await packed(payload), lessons);
    expect('code' in r && ['unreadable', 'newer']).toContain('code' in r ? r.code : '');
  });

  it('refuses changes that reach for the prototype', async () => {
    const r = await decodeState(await packed({ v: 1, l: 'telnet', c: [['__proto__.polluted', 1]] }), lessons);
    expect(r).toMatchObject({ code: 'changesMismatch' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a scenario of a newer version with its path', async () => {
    const r = await decodeState(await packed({ v: 1, s: { version: 99, hosts: [{ name: 'a.example', addresses: ['10.0.0.1/24'] }] } }), lessons);
    expect(r).toMatchObject({ code: 'invalid', args: { path: 'version' } });
  });

  it('keeps markup in a title as text, and drops markup given as language or panels', async () => {
    const title = '<img src=x onerror="window.pwned=1">';
    const r = await decodeState(await packed({ v: 1, l: 'telnet', c: [['title', title]], g: '<b>en</b>', p: ['<script>', 'maillog', 7] }), lessons);
    expect('state' in r && r.state.scenario.title).toBe(title);
    expect('state' in r && r.state.lang).toBeUndefined();
    expect('state' in r && r.state.panels).toEqual(['maillog']);
  });

  it('reads views and panels from a lesson link, ignoring junk', async () => {
    const r = await decodeState('#L=telnet&p=sequence,%3Cx%3E,maillog&lang=zh-CN', lessons);
    expect('state' in r && r.state.panels).toEqual(['sequence', 'maillog']);
    expect(await decodeState('#L=telnet&lang=javascript:alert(1)', lessons)).toMatchObject({ state: { lang: undefined } });
  });

  it('names an unknown lesson in its arguments, cut short', async () => {
    const r = await decodeState(`#L=${'x'.repeat(500)}`, lessons);
    expect(r).toMatchObject({ code: 'unknownLesson' });
    expect('args' in r && String(r.args.id).length).toBe(40);
  });
});

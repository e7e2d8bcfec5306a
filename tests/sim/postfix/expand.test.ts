import { describe, expect, it } from 'vitest';
import { compareLevels, expand } from '../../../src/sim/postfix/expand';

const table: Record<string, string> = {
  myhostname: 'mail.example.com',
  mydomain: 'example.com',
  mydestination: '$myhostname, localhost.$mydomain, localhost',
  compatibility_level: '0',
  empty: '',
  loop: '$loop',
};
const lookup = (n: string) => table[n];

describe('expand', () => {
  it.each([
    ['$myhostname', 'mail.example.com'],
    ['${myhostname}', 'mail.example.com'],
    ['$(myhostname)', 'mail.example.com'],
    ['$mydestination', 'mail.example.com, localhost.example.com, localhost'],
    ['${empty?yes}', ''],
    ['${mydomain?yes}', 'yes'],
    ['${empty:fallback}', 'fallback'],
    ['${mydomain:fallback}', ''],
    ['${mydomain?{set}:{unset}}', 'set'],
    ['${empty?{set}:{unset}}', 'unset'],
    ['${{$compatibility_level} <level {2} ? {subnet} : {host}}', 'subnet'],
    ['${{$compatibility_level} <level {1} ? {} : {permit_mynetworks}}', ''],
    ['$$literal', '$literal'],
    ['$undefined_name x', ' x'],
    ['$loop', ''],
  ])('%s -> %s', (text, want) => {
    expect(expand(text, lookup)).toBe(want);
  });

  it('compares compatibility levels as versions', () => {
    expect(compareLevels('3.6', '2')).toBeGreaterThan(0);
    expect(compareLevels('0', '1')).toBeLessThan(0);
    expect(compareLevels('3.10', '3.6')).toBeGreaterThan(0);
    expect(compareLevels('2', '2.0')).toBe(0);
  });
});

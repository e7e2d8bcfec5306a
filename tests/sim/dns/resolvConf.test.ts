import { describe, expect, it } from 'vitest';
import { parseResolvConf } from '../../../src/sim/dns/resolvConf';

describe('parseResolvConf', () => {
  it.each([
    ['', { nameservers: [], search: [], ndots: 1, rotate: false }],
    ['nameserver 127.0.0.1\n', { nameservers: ['127.0.0.1'], search: [], ndots: 1, rotate: false }],
    ['# comment\nnameserver 10.0.0.1 ; trailing\nnameserver ::1\nnameserver 10.0.0.3\nnameserver 10.0.0.4\n', { nameservers: ['10.0.0.1', '::1', '10.0.0.3'], search: [], ndots: 1, rotate: false }],
    ['domain example.com\nsearch a.test b.test.\n', { nameservers: [], search: ['a.test', 'b.test'], ndots: 1, rotate: false }],
    ['search a.test\ndomain example.com\n', { nameservers: [], search: ['example.com'], ndots: 1, rotate: false }],
    ['options ndots:2 timeout:1 attempts:3 rotate\n', { nameservers: [], search: [], ndots: 2, timeout: 1, attempts: 3, rotate: true }],
    ['options timeout:99 attempts:0 ndots:x\n', { nameservers: [], search: [], ndots: 1, timeout: 30, attempts: 1, rotate: false }],
  ])('%j', (text, expected) => {
    expect(parseResolvConf(text)).toEqual(expected);
  });
});

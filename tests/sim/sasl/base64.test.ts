import { describe, expect, it } from 'vitest';
import { base64OfText, decodeBase64Cyrus, decodeBase64Dovecot, encodeBase64, utf8Text } from '../../../src/sim/sasl/base64';

const text = (r: ReturnType<typeof decodeBase64Dovecot>) => (r.ok ? utf8Text(r.bytes) : `!${r.error}`);

describe('encodeBase64', () => {
  it.each([
    ['', ''],
    ['a', 'YQ=='],
    ['ab', 'YWI='],
    ['abc', 'YWJj'],
    ['\0alice\0wonderland', 'AGFsaWNlAHdvbmRlcmxhbmQ='],
    ['Username:', 'VXNlcm5hbWU6'],
    ['Password:', 'UGFzc3dvcmQ6'],
  ])('%j -> %s', (input, output) => {
    expect(base64OfText(input)).toBe(output);
    expect(encodeBase64(new TextEncoder().encode(input))).toBe(output);
  });
});

describe('decodeBase64Dovecot (lib/base64.c, no flags)', () => {
  it.each([
    ['', ''],
    ['YWJj', 'abc'],
    ['YWI=', 'ab'],
    ['YQ==', 'a'],
    ['YW Jj', 'abc'],
    ['YWJj\r\n', 'abc'],
    ['YQ= =', 'a'],
    ['YQ==  ', 'a'],
    ['AGFsaWNlAHdvbmRlcmxhbmQ=', '\0alice\0wonderland'],
    // Malformed: no padding, padding in the wrong place, characters outside the alphabet.
    ['YWI', '!badprot'],
    ['YQ', '!badprot'],
    ['YQ=', '!badprot'],
    ['Y', '!badprot'],
    ['====', '!badprot'],
    ['!!!!', '!badprot'],
    ['YQ==YWJj', '!badprot'],
    ['YWJj====', '!badprot'],
    ['YWI==', '!badprot'],
  ])('%j -> %j', (input, output) => {
    expect(text(decodeBase64Dovecot(input))).toBe(output);
  });
});

// Checked against libsasl2's sasl_decode64 (Cyrus SASL 2.1.28, Debian 12): 0 = SASL_OK,
// 1 = SASL_CONTINUE, -5 = SASL_BADPROT, -1 = SASL_FAIL.
describe('decodeBase64Cyrus (sasl_decode64)', () => {
  it.each([
    ['', ''],
    ['YWJj', 'abc'],
    ['YWI=', 'ab'],
    ['YQ==', 'a'],
    ['YWI', '!continue'],
    ['YQ=', '!continue'],
    ['YQ', '!continue'],
    ['Y', '!continue'],
    ['YWJjZA', '!continue'],
    ['YWJj\r\n', '!continue'],
    ['YW Jj', '!badprot'],
    ['YWJj====', '!badprot'],
    ['YQ==YWJj', '!badprot'],
    ['Y===', '!badprot'],
    ['====', '!badprot'],
    ['!!!!', '!badprot'],
    ['YWI=\r', '!badprot'],
    ['YQ==\n', '!badprot'],
    ['\rYWJj', '!fail'],
    ['AGFsaWNlAHdvbmRlcmxhbmQ=', '\0alice\0wonderland'],
  ])('%j -> %j', (input, output) => {
    expect(text(decodeBase64Cyrus(input))).toBe(output);
  });
});

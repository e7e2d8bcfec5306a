import { describe, expect, it } from 'vitest';
import { jsonErrorPosition } from '../../../src/ui/share/jsonErrorPosition';

describe('jsonErrorPosition', () => {
  it.each([
    '{}',
    '[]',
    ' {"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"], "b": {}} ',
    '"just a string"',
    '0',
  ])('finds nothing wrong in %s, as JSON.parse', (text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(jsonErrorPosition(text)).toBeUndefined();
  });

  it.each([
    ['{\n  "version": 2,\n  "hosts": [,]\n}', 3, 13],
    ['{"a": 1,}', 1, 9],
    ['{"a" 1}', 1, 6],
    ['[1, 2', 1, 6],
    ["{'a': 1}", 1, 2],
    ['{"a": 01}', 1, 8],
    ['{"a": "\\x"}', 1, 9],
    ['{"a": "\\u12g4"}', 1, 12],
    ['{"a": tru}', 1, 10],
    ['{} x', 1, 4],
    ['', 1, 1],
    ['{"a": "line\nbreak"}', 1, 12],
  ])('places the error in %j at line %i, column %i', (text, line, column) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonErrorPosition(text)).toEqual({ line, column });
  });

  it('does not overflow the stack on deep nesting', () => {
    expect(jsonErrorPosition('['.repeat(100_000))).toEqual({ line: 1, column: 514 });
  });
});

/**
 * The tokenizer of the master-file format (RFC 1035 section 5.1): it turns zone file text into
 * logical entries (one record or directive each), joining the lines a pair of parentheses spans,
 * dropping ";" comments and keeping quoted strings whole. Parsing the entries is zoneFile.ts's job.
 */
import { toByteString } from './records';

export interface ZoneToken {
  /** The token with quotes removed and escapes still in place (rdata parsers decode them). */
  text: string;
  quoted: boolean;
  line: number;
}

export interface ZoneEntry {
  /** The line the entry starts on (1-based). */
  line: number;
  /** The line the entry ends on: where "end of input" errors are reported. */
  lastLine: number;
  /** The entry began with white space: its owner is the previous entry's owner. */
  blankOwner: boolean;
  tokens: ZoneToken[];
}

export interface LexProblem {
  line: number;
  reason: 'unbalanced quotes' | 'unbalanced parentheses';
}

export interface LexResult {
  entries: ZoneEntry[];
  problems: LexProblem[];
}

export function lexZoneText(text: string): LexResult {
  const entries: ZoneEntry[] = [];
  const problems: LexProblem[] = [];
  const lines = text.split(/\r?\n/);
  let current: ZoneEntry | undefined;
  let depth = 0;
  let openedOn = 0;

  const finish = () => {
    if (current && current.tokens.length > 0) entries.push(current);
    current = undefined;
  };

  lines.forEach((lineText, index) => {
    const lineNo = index + 1;
    if (depth === 0) {
      finish();
      current = { line: lineNo, lastLine: lineNo, blankOwner: /^[ \t]/.test(lineText), tokens: [] };
    }
    const entry = current!;
    entry.lastLine = lineNo;
    const scan = scanLine(lineText, lineNo);
    if (scan.unbalancedQuote) {
      problems.push({ line: lineNo, reason: 'unbalanced quotes' });
      // The broken entry is dropped, as BIND skips to the next line.
      current = undefined;
      depth = 0;
      return;
    }
    for (const item of scan.items) {
      if (item === '(') {
        if (depth === 0) openedOn = lineNo;
        depth++;
      } else if (item === ')') {
        if (depth === 0) {
          problems.push({ line: lineNo, reason: 'unbalanced parentheses' });
          current = undefined;
          return;
        }
        depth--;
      } else {
        entry.tokens.push(item);
      }
    }
  });
  if (depth > 0) {
    // BIND notices the missing ")" at the end of the file.
    problems.push({ line: Math.max(openedOn, lines.length - (text.endsWith('\n') ? 1 : 0)), reason: 'unbalanced parentheses' });
    current = undefined;
  }
  finish();
  return { entries, problems };
}

interface LineScan {
  items: (ZoneToken | '(' | ')')[];
  unbalancedQuote: boolean;
}

function scanLine(line: string, lineNo: number): LineScan {
  const items: (ZoneToken | '(' | ')')[] = [];
  let i = 0;
  while (i < line.length) {
    const ch = line[i];
    if (ch === ' ' || ch === '\t') {
      i++;
    } else if (ch === ';') {
      break;
    } else if (ch === '(' || ch === ')') {
      items.push(ch);
      i++;
    } else if (ch === '"') {
      let j = i + 1;
      let body = '';
      while (j < line.length && line[j] !== '"') {
        if (line[j] === '\\' && j + 1 < line.length) {
          body += line.slice(j, j + 2);
          j += 2;
        } else {
          body += line[j++];
        }
      }
      if (j >= line.length) return { items, unbalancedQuote: true };
      items.push({ text: body, quoted: true, line: lineNo });
      i = j + 1;
    } else {
      let j = i;
      let body = '';
      while (j < line.length && !' \t;()"'.includes(line[j])) {
        if (line[j] === '\\' && j + 1 < line.length) {
          body += line.slice(j, j + 2);
          j += 2;
        } else {
          body += line[j++];
        }
      }
      items.push({ text: body, quoted: false, line: lineNo });
      i = j;
    }
  }
  return { items, unbalancedQuote: false };
}

/** Decodes the escapes of a character-string (\X and \DDD) into a byte string. */
export function unescapeString(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== '\\' || i + 1 >= text.length) {
      out += toByteString(ch);
      continue;
    }
    const digits = /^\d{3}/.exec(text.slice(i + 1));
    if (digits) {
      out += String.fromCharCode(Math.min(255, Number(digits[0])));
      i += 3;
    } else {
      out += text[++i];
    }
  }
  return out;
}

/**
 * postconf -M and -P: master.cf's services and their "-o name=value" settings, as Postfix prints
 * them, and the line folding of -f (words carried to a continuation line indented by four spaces
 * once a line would pass 80 columns).
 */
import { formatMasterService, parseMasterCf, type MasterService } from '../../postfix/masterCf';

/** postconf -f keeps lines shorter than 80 columns where it can. */
const LINE_LIMIT = 79;

/**
 * postconf -f: folds a line at word boundaries, continuation lines indented by 4 spaces. Each
 * unit is kept whole ("-o name=value" is one unit); a unit marked `own` starts a line of its own.
 */
export function foldUnits(units: readonly { text: string; own?: boolean }[], indent = '    '): string[] {
  const out: string[] = [];
  let current = '';
  for (const unit of units) {
    if (current === '') {
      current = unit.text;
      continue;
    }
    if (unit.own || current.length + 1 + unit.text.length > LINE_LIMIT) {
      out.push(current);
      current = `${indent}${unit.text}`;
    } else current += ` ${unit.text}`;
  }
  out.push(current);
  return out;
}

export function foldLine(line: string): string[] {
  return foldUnits(line.split(' ').map((text) => ({ text })));
}

/** A service's -M line in units: the fixed columns, then each argument, "-o x=y" together. */
function serviceUnits(s: MasterService): { text: string; own?: boolean }[] {
  const head = formatMasterService({ ...s, args: [] });
  const units: { text: string; own?: boolean }[] = [{ text: head }];
  for (let i = 0; i < s.args.length; i++) {
    if (s.args[i] === '-o' && i + 1 < s.args.length) units.push({ text: `-o ${s.args[++i]}`, own: true });
    else units.push({ text: s.args[i] });
  }
  return units;
}

/** "smtp", "smtp/inet": does a service match a -M/-P filter? */
function matches(s: MasterService, filter: string): boolean {
  const [name, type] = filter.split('/');
  return s.name === name && (type === undefined || s.type === type);
}

export interface MasterListing {
  lines: string[];
  /** postconf's warnings (unmatched requests) and a fatal text for a bad filter. */
  warnings: string[];
  fatal?: string;
}

/** postconf -M [-f] [service[/type]...]. */
export function masterEntries(masterCf: string, filters: readonly string[], fold: boolean): MasterListing {
  if (filters.some((f) => f.split('/').length > 2)) return { lines: [], warnings: [], fatal: '-M option requires service_name[/type]' };
  const services = parseMasterCf(masterCf).services;
  const chosen = filters.length === 0 ? services : services.filter((s) => filters.some((f) => matches(s, f)));
  const lines = chosen.flatMap((s) => (fold ? foldUnits(serviceUnits(s)) : [formatMasterService(s)]));
  const warnings = filters.filter((f) => !services.some((s) => matches(s, f))).map((f) => `unmatched request: "${f}"`);
  return { lines, warnings };
}

/** postconf -P: "service/type/name = value" for every -o setting. */
export function masterParameters(masterCf: string, filters: readonly string[]): MasterListing {
  const services = parseMasterCf(masterCf).services;
  const lines: string[] = [];
  for (const s of services) {
    for (const [name, value] of s.overrides) {
      const key = `${s.name}/${s.type}/${name}`;
      if (filters.length > 0 && !filters.some((f) => key === f || `${s.name}/${s.type}` === f || s.name === f)) continue;
      lines.push(value === '' ? `${key} =` : `${key} = ${value}`);
    }
  }
  return { lines, warnings: [] };
}

/**
 * Checks one main.cf value the way the Postfix daemon that reads it would: a boolean must be
 * yes or no, a number a number, a time a number with a unit, mynetworks a list of networks or
 * tables, inet_protocols a list of ipv4/ipv6/all. Returns the problem in words, or undefined.
 */
import { parseNetwork } from '../core/ip';
import { splitList } from './config';
import { builtinDefault } from './defaults';
import { parseInetProtocols } from './interfaces';

export type ParamKind = 'boolean' | 'integer' | 'time' | 'text';

/** The kind of a parameter, judged from its built-in default. */
export function paramKind(name: string): ParamKind {
  const d = builtinDefault(name);
  if (d === undefined || d === null) return 'text';
  if (d === 'yes' || d === 'no') return 'boolean';
  if (/^-?\d+$/.test(d)) return 'integer';
  if (/^\d+[smhdw]$/.test(d)) return 'time';
  return 'text';
}

export function checkParameterValue(name: string, value: string): string | undefined {
  if (!/^[A-Za-z0-9_]+$/.test(name)) return `"${name}" is not a parameter name`;
  if (value.includes('$')) return undefined;
  switch (name) {
    case 'mynetworks':
      for (const item of splitList(value)) {
        if (item.startsWith('!') || item.startsWith('/')) continue;
        if (/^[a-z]+:/.test(item)) continue;
        if (!parseNetwork(item.replace(/^\[([^\]]+)\]/, '$1'))) return `"${item}" is not a network`;
      }
      return undefined;
    case 'inet_protocols': {
      const p = parseInetProtocols(value);
      return 'fatal' in p ? `${p.fatal} (use ipv4, ipv6 or all)` : undefined;
    }
    case 'mynetworks_style':
      return ['host', 'subnet', 'class'].includes(value) ? undefined : `"${value}" is not one of host, subnet, class`;
    case 'compatibility_level':
      return /^\d+(\.\d+){0,2}$/.test(value) ? undefined : `"${value}" is not a compatibility level (e.g. 0, 2, 3.6)`;
  }
  switch (paramKind(name)) {
    case 'boolean':
      return /^(yes|no|true|false)$/i.test(value) ? undefined : `"${value}" is not yes or no`;
    case 'integer':
      return /^-?\d+$/.test(value) ? undefined : `"${value}" is not a number`;
    case 'time':
      return /^\d+(\.\d+)?[smhdw]?$/.test(value) ? undefined : `"${value}" is not a time (a number with s, m, h, d or w)`;
    default:
      return undefined;
  }
}

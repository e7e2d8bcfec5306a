/**
 * The changes between two scenarios as a short list of [path, value] pairs ([path] alone for a
 * removal): how a link says "lesson X with these five changes" instead of the whole scenario.
 * Paths are dot-separated keys and array indexes ("hosts.1.main_cf.mynetworks").
 */

export type Change = [string, unknown] | [string];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function diffScenario(base: unknown, current: unknown, path = ''): Change[] {
  if (JSON.stringify(base) === JSON.stringify(current)) return [];
  const join = (k: string | number) => (path ? `${path}.${k}` : String(k));
  if (Array.isArray(base) && Array.isArray(current)) {
    const out: Change[] = [];
    const n = Math.max(base.length, current.length);
    for (let i = 0; i < n; i++) {
      if (i >= current.length) {
        // Removing from the end keeps the earlier indexes valid.
        for (let j = base.length - 1; j >= current.length; j--) out.push([join(j)]);
        break;
      }
      if (i >= base.length) out.push([join(i), current[i]]);
      else out.push(...diffScenario(base[i], current[i], join(i)));
    }
    return out;
  }
  if (isObject(base) && isObject(current)) {
    const out: Change[] = [];
    for (const k of Object.keys(base)) if (!(k in current)) out.push([join(k)]);
    for (const k of Object.keys(current)) {
      if (!(k in base)) out.push([join(k), current[k]]);
      else out.push(...diffScenario(base[k], current[k], join(k)));
    }
    return out;
  }
  return [[path, current]];
}

/** Applies changes to a deep copy of `base`; a change whose path does not fit is an error. */
export function applyChanges<T>(base: T, changes: readonly Change[]): { value: T } | { error: string } {
  const root = structuredClone(base) as unknown as Json;
  for (const change of changes) {
    if (!Array.isArray(change) || typeof change[0] !== 'string' || change.length > 2) return { error: 'a change is not [path, value]' };
    const keys = change[0].split('.');
    if (keys.some((k) => k === '__proto__' || k === 'constructor' || k === 'prototype')) return { error: `change path "${change[0]}" is not allowed` };
    let node: Json = root;
    for (let i = 0; i < keys.length - 1; i++) {
      const next: Json | undefined = Array.isArray(node) ? node[Number(keys[i])] : isObject(node) ? (node as Record<string, Json>)[keys[i]] : undefined;
      if (next === undefined || next === null || typeof next !== 'object') return { error: `change path "${change[0]}" does not exist` };
      node = next;
    }
    const last = keys[keys.length - 1];
    if (Array.isArray(node)) {
      const index = Number(last);
      if (!Number.isInteger(index) || index < 0 || index > node.length) return { error: `change path "${change[0]}" is not a list index` };
      if (change.length === 1) node.splice(index, 1);
      else node[index] = change[1] as Json;
    } else if (isObject(node)) {
      const obj = node as Record<string, Json>;
      if (change.length === 1) delete obj[last];
      else obj[last] = change[1] as Json;
    } else {
      return { error: `change path "${change[0]}" does not exist` };
    }
  }
  return { value: root as unknown as T };
}

/**
 * Validation issues placed at their field: an issue at "hosts[1].addresses[0]" belongs to the
 * addresses field of host 1. A field shows the issues at its path and below it.
 */
import type { ValidationIssue } from '../../sim/scenario/validate';

export function issuesAt(issues: readonly ValidationIssue[], path: string, exact = false): ValidationIssue[] {
  return issues.filter((i) => i.path === path || (!exact && (i.path.startsWith(`${path}.`) || i.path.startsWith(`${path}[`))));
}

/** Issues no field shows, listed on their own so none is lost. */
export function unplaced(issues: readonly ValidationIssue[], placed: readonly string[]): ValidationIssue[] {
  return issues.filter((i) => !placed.some((p) => i.path === p || i.path.startsWith(`${p}.`) || i.path.startsWith(`${p}[`)));
}

/** "a, b  c" -> ["a", "b", "c"] */
export function splitList(text: string): string[] {
  return text.split(/[,\s]+/).filter(Boolean);
}

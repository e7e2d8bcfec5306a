/**
 * Postfix 3.7's built-in defaults (postconf -d), with the few that Postfix computes from the host
 * (myhostname, mydomain, mynetworks) filled in for a given host.
 */
import { POSTCONF_DEFAULTS } from './postconfDefaults.data';

const DEFAULTS = new Map<string, string | null>(POSTCONF_DEFAULTS.map(([k, v]) => [k, v]));

/** Every parameter name Postfix 3.7 knows, in postconf's (alphabetical) order. */
export const PARAMETER_NAMES: readonly string[] = POSTCONF_DEFAULTS.map(([k]) => k);

export function isBuiltinParameter(name: string): boolean {
  return DEFAULTS.has(name);
}

/** The raw default expression, or undefined for an unknown name; null for host-computed ones. */
export function builtinDefault(name: string): string | null | undefined {
  return DEFAULTS.get(name);
}

/** mydomain's default: myhostname without its first label ("localdomain" when there is none). */
export function defaultMydomain(hostname: string): string {
  const dot = hostname.indexOf('.');
  return dot > 0 && dot < hostname.length - 1 ? hostname.slice(dot + 1) : 'localdomain';
}

/**
 * Parameters whose name is built from a master.cf service name (e.g. relay_destination_concurrency_limit)
 * are valid too; these are the suffixes Postfix accepts after a transport name.
 */
export const PER_TRANSPORT_SUFFIXES = [
  '_delivery_slot_cost',
  '_delivery_slot_loan',
  '_delivery_slot_discount',
  '_minimum_delivery_slots',
  '_destination_concurrency_limit',
  '_destination_concurrency_failed_cohort_limit',
  '_destination_concurrency_negative_feedback',
  '_destination_concurrency_positive_feedback',
  '_destination_rate_delay',
  '_destination_recipient_limit',
  '_extra_recipient_limit',
  '_initial_destination_concurrency',
  '_recipient_limit',
  '_recipient_refill_limit',
  '_recipient_refill_delay',
  '_transport_rate_delay',
  '_time_limit',
];

/**
 * A scenario in a link: everything after "#" in the address, so no server is involved.
 *
 *   #L=relay&t=12.5&lang=zh-CN        a built-in lesson, unchanged (short enough to type)
 *   #S=<base64url(deflate-raw(JSON))>  anything else: { v, l: lesson, c: changes } or { v, s: scenario }
 *
 *   #L=relay&p=sequence,maillog        ...with the views and panels that were open
 *   #S=...{ ..., k: changes }           compare mode: the scenario as A, and B as A with `k` changed
 *
 * The fragment is untrusted input: it is size-checked, inflated with a cap (a small link must not
 * unpack into gigabytes), decoded without eval, migrated, and validated; any problem comes back as
 * a message with a code the page translates, never as an exception.
 */
import { validateScenario, type ValidationIssue } from '../sim/scenario/validate';
import { SCENARIO_VERSION, type Scenario } from '../sim/scenario/schema';
import { applyChanges, diffScenario, type Change } from './scenarioDiff';

export const LINK_FORMAT = 1;
/** Longer fragments are refused before any decoding (a hostile link must not hang the page). */
export const MAX_FRAGMENT = 200_000;
/** Beyond this many characters a link stops being practical: offer the file export instead. */
export const LINK_LIMIT = 2_000;
/** The most a link's data may unpack to: far above any real scenario, far below a hung tab. */
export const MAX_UNPACKED = 4_000_000;

export interface SharedState {
  scenario: Scenario;
  /** The built-in lesson it started from, if any. */
  lessonId?: string;
  /** Timeline position in virtual ms. */
  time?: number;
  lang?: string;
  /** Open panels, as the UI names them. */
  panels?: string[];
  /** Compare mode: B, the variant shown beside the scenario (which is A). */
  compareWith?: Scenario;
}

export interface LessonSource {
  /** The built-in scenario of a lesson, or undefined for an unknown id. */
  scenarioOf(id: string): Scenario | undefined;
}

interface Payload {
  v: number;
  l?: string;
  c?: Change[];
  s?: Scenario;
  t?: number;
  g?: string;
  p?: string[];
  /** Compare mode: what B changes in A. */
  k?: Change[];
}

export async function encodeState(state: SharedState, lessons: LessonSource): Promise<string> {
  const base = state.lessonId ? lessons.scenarioOf(state.lessonId) : undefined;
  const changes = base ? diffScenario(base, state.scenario) : undefined;
  if (base && changes && changes.length === 0 && !state.compareWith) {
    const params = new URLSearchParams({ L: state.lessonId! });
    if (state.time) params.set('t', String(round(state.time / 1000)));
    if (state.lang) params.set('lang', state.lang);
    const panels = panelNames(state.panels);
    if (panels) params.set('p', panels.join(','));
    // URLSearchParams writes "," as %2C; a comma is legal in a fragment and shorter.
    return `#${params.toString().replace(/%2C/g, ',')}`;
  }
  const payload: Payload = { v: LINK_FORMAT };
  if (base && changes) {
    payload.l = state.lessonId;
    payload.c = changes;
  } else {
    payload.s = state.scenario;
  }
  if (state.time) payload.t = round(state.time / 1000);
  if (state.lang) payload.g = state.lang;
  const panels = panelNames(state.panels);
  if (panels) payload.p = panels;
  if (state.compareWith) payload.k = diffScenario(state.scenario, state.compareWith);
  return `#S=${await compress(JSON.stringify(payload))}`;
}

/** Why a link could not be opened, for the page to say in its language (with `args`). */
export type LinkErrorCode = 'tooLong' | 'notScenario' | 'unknownLesson' | 'damaged' | 'unreadable' | 'newer' | 'changesMismatch' | 'invalid';

export interface LinkError {
  /** The reason in English (tests, logs). */
  error: string;
  code: LinkErrorCode;
  args: Record<string, string | number>;
}

export type DecodeResult = { state: SharedState; issues: ValidationIssue[] } | LinkError;

const fail = (code: LinkErrorCode, error: string, args: Record<string, string | number> = {}): LinkError => ({ error, code, args });

/** Panel names travel as short words only: whatever else a link carries there is dropped. */
function panelNames(list: unknown): string[] | undefined {
  if (!Array.isArray(list)) return undefined;
  const names = list.filter((x): x is string => typeof x === 'string' && /^[a-z][a-z0-9-]{0,19}$/.test(x)).slice(0, 8);
  return names.length > 0 ? names : undefined;
}

export async function decodeState(fragment: string, lessons: LessonSource): Promise<DecodeResult> {
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (text.length > MAX_FRAGMENT) return fail('tooLong', `The link is too long (${text.length} characters); ask for the scenario file instead.`, { length: text.length });
  if (text.startsWith('S=')) return decodePayload(text.slice(2), lessons);
  const params = new URLSearchParams(text);
  const id = params.get('L');
  if (!id) return fail('notScenario', 'The link does not describe a scenario.');
  const scenario = lessons.scenarioOf(id);
  if (!scenario) return fail('unknownLesson', `The link names a lesson that does not exist: "${id.slice(0, 40)}".`, { id: id.slice(0, 40) });
  return {
    state: { scenario: structuredClone(scenario), lessonId: id, time: seconds(params.get('t')), lang: language(params.get('lang')), panels: panelNames(params.get('p')?.split(',')) },
    issues: [],
  };
}

async function decodePayload(data: string, lessons: LessonSource): Promise<DecodeResult> {
  let json: string;
  try {
    json = await decompress(data, MAX_UNPACKED);
  } catch {
    return fail('damaged', 'The link is damaged: its data could not be unpacked (was it cut short when copied?).');
  }
  let payload: Payload;
  try {
    payload = JSON.parse(json) as Payload;
  } catch {
    return fail('unreadable', 'The link is damaged: its data is not readable.');
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return fail('unreadable', 'The link is damaged: its data is not a scenario.');
  if (typeof payload.v !== 'number' || payload.v > LINK_FORMAT) return fail('newer', 'The link was made by a newer mailsim; open it there or ask for the scenario file.');
  let scenario: unknown;
  if (payload.l !== undefined) {
    const base = typeof payload.l === 'string' ? lessons.scenarioOf(payload.l) : undefined;
    if (!base) return fail('unknownLesson', `The link builds on a lesson that does not exist: "${String(payload.l).slice(0, 40)}".`, { id: String(payload.l).slice(0, 40) });
    const applied = applyChanges(base, Array.isArray(payload.c) ? payload.c : []);
    if ('error' in applied) return fail('changesMismatch', `The link's changes do not fit the lesson: ${applied.error}.`, { detail: applied.error.slice(0, 120) });
    scenario = applied.value;
  } else {
    scenario = payload.s;
  }
  const checked = validateScenario(scenario);
  if (!checked.scenario) {
    const first = checked.issues.find((i) => i.severity === 'error');
    return fail('invalid', `The link's scenario is not valid: ${first?.path}: ${first?.message}`, { path: first?.path ?? '', message: (first?.message ?? '').slice(0, 200) });
  }
  const variant = payload.k === undefined ? undefined : variantOf(checked.scenario, payload.k);
  if (variant && 'error' in variant) return variant;
  return {
    state: {
      scenario: checked.scenario,
      ...(variant ? { compareWith: variant.scenario } : {}),
      lessonId: typeof payload.l === 'string' ? payload.l : undefined,
      time: typeof payload.t === 'number' && Number.isFinite(payload.t) && payload.t >= 0 ? payload.t * 1000 : undefined,
      lang: language(payload.g),
      panels: panelNames(payload.p),
    },
    issues: checked.issues,
  };
}

/** B of a compare link: A with the link's changes, checked as strictly as A. */
function variantOf(a: Scenario, changes: unknown): { scenario: Scenario } | LinkError {
  const applied = applyChanges(a, Array.isArray(changes) ? changes : []);
  if ('error' in applied) return fail('changesMismatch', `The link's compared variant does not fit its scenario: ${applied.error}.`, { detail: applied.error.slice(0, 120) });
  const checked = validateScenario(applied.value);
  if (!checked.scenario) {
    const first = checked.issues.find((i) => i.severity === 'error');
    return fail('invalid', `The link's compared variant is not valid: ${first?.path}: ${first?.message}`, { path: first?.path ?? '', message: (first?.message ?? '').slice(0, 200) });
  }
  return { scenario: checked.scenario };
}

function seconds(text: string | null): number | undefined {
  if (text === null) return undefined;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 ? n * 1000 : undefined;
}

/** A language tag such as en or zh-CN; anything else is dropped. */
function language(tag: unknown): string | undefined {
  return typeof tag === 'string' && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(tag) ? tag : undefined;
}

/** Seconds to the microsecond: virtual time has fractions of a millisecond (loopback, local delivery). */
function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

export async function compress(text: string): Promise<string> {
  const stream = new Blob([new TextEncoder().encode(text)]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()));
}

/** Inflates; throws beyond `limit` bytes, reading no further (a deflate bomb stops there). */
export async function decompress(data: string, limit = MAX_UNPACKED): Promise<string> {
  const bytes = fromBase64Url(data);
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new Error(`unpacks to more than ${limit} bytes`);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    all.set(c, offset);
    offset += c.byteLength;
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(all);
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    if (i + 1 < bytes.length) out += ALPHABET[(n >> 6) & 63];
    if (i + 2 < bytes.length) out += ALPHABET[n & 63];
  }
  return out;
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of text) {
    buffer = (buffer << 6) | ALPHABET.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 0xff);
    }
  }
  return new Uint8Array(out);
}

export { SCENARIO_VERSION };

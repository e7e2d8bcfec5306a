/**
 * A scenario in a link: everything after "#" in the address, so no server is involved.
 *
 *   #L=relay&t=12.5&lang=zh-CN        a built-in lesson, unchanged (short enough to type)
 *   #S=<base64url(deflate-raw(JSON))>  anything else: { v, l: lesson, c: changes } or { v, s: scenario }
 *
 * The fragment is untrusted input: it is size-checked, decoded without eval, migrated, and
 * validated; any problem comes back as a message, never as an exception.
 */
import { validateScenario, type ValidationIssue } from '../sim/scenario/validate';
import { SCENARIO_VERSION, type Scenario } from '../sim/scenario/schema';
import { applyChanges, diffScenario, type Change } from './scenarioDiff';

export const LINK_FORMAT = 1;
/** Longer fragments are refused before any decoding (a hostile link must not hang the page). */
export const MAX_FRAGMENT = 200_000;
/** Beyond this many characters a link stops being practical: offer the file export instead. */
export const LINK_LIMIT = 2_000;

export interface SharedState {
  scenario: Scenario;
  /** The built-in lesson it started from, if any. */
  lessonId?: string;
  /** Timeline position in virtual ms. */
  time?: number;
  lang?: string;
  /** Open panels, as the UI names them. */
  panels?: string[];
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
}

export async function encodeState(state: SharedState, lessons: LessonSource): Promise<string> {
  const base = state.lessonId ? lessons.scenarioOf(state.lessonId) : undefined;
  const changes = base ? diffScenario(base, state.scenario) : undefined;
  if (base && changes && changes.length === 0 && !state.panels?.length) {
    const params = new URLSearchParams({ L: state.lessonId! });
    if (state.time) params.set('t', String(round(state.time / 1000)));
    if (state.lang) params.set('lang', state.lang);
    return `#${params.toString()}`;
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
  if (state.panels?.length) payload.p = state.panels;
  return `#S=${await compress(JSON.stringify(payload))}`;
}

export type DecodeResult = { state: SharedState; issues: ValidationIssue[] } | { error: string };

export async function decodeState(fragment: string, lessons: LessonSource): Promise<DecodeResult> {
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (text.length > MAX_FRAGMENT) return { error: `The link is too long (${text.length} characters); ask for the scenario file instead.` };
  if (text.startsWith('S=')) return decodePayload(text.slice(2), lessons);
  const params = new URLSearchParams(text);
  const id = params.get('L');
  if (!id) return { error: 'The link does not describe a scenario.' };
  const scenario = lessons.scenarioOf(id);
  if (!scenario) return { error: `The link names a lesson that does not exist: "${id.slice(0, 40)}".` };
  return { state: { scenario: structuredClone(scenario), lessonId: id, time: seconds(params.get('t')), lang: params.get('lang') ?? undefined }, issues: [] };
}

async function decodePayload(data: string, lessons: LessonSource): Promise<DecodeResult> {
  let json: string;
  try {
    json = await decompress(data);
  } catch {
    return { error: 'The link is damaged: its data could not be unpacked (was it cut short when copied?).' };
  }
  let payload: Payload;
  try {
    payload = JSON.parse(json) as Payload;
  } catch {
    return { error: 'The link is damaged: its data is not readable.' };
  }
  if (typeof payload !== 'object' || payload === null) return { error: 'The link is damaged: its data is not a scenario.' };
  if (typeof payload.v !== 'number' || payload.v > LINK_FORMAT) return { error: 'The link was made by a newer mailsim; open it there or ask for the scenario file.' };
  let scenario: unknown;
  if (payload.l !== undefined) {
    const base = typeof payload.l === 'string' ? lessons.scenarioOf(payload.l) : undefined;
    if (!base) return { error: `The link builds on a lesson that does not exist: "${String(payload.l).slice(0, 40)}".` };
    const applied = applyChanges(base, Array.isArray(payload.c) ? payload.c : []);
    if ('error' in applied) return { error: `The link's changes do not fit the lesson: ${applied.error}.` };
    scenario = applied.value;
  } else {
    scenario = payload.s;
  }
  const checked = validateScenario(scenario);
  if (!checked.scenario) {
    const first = checked.issues.find((i) => i.severity === 'error');
    return { error: `The link's scenario is not valid: ${first?.path}: ${first?.message}` };
  }
  return {
    state: {
      scenario: checked.scenario,
      lessonId: typeof payload.l === 'string' ? payload.l : undefined,
      time: typeof payload.t === 'number' && Number.isFinite(payload.t) && payload.t >= 0 ? payload.t * 1000 : undefined,
      lang: typeof payload.g === 'string' ? payload.g.slice(0, 10) : undefined,
      panels: Array.isArray(payload.p) ? payload.p.filter((x) => typeof x === 'string').slice(0, 20) : undefined,
    },
    issues: checked.issues,
  };
}

function seconds(text: string | null): number | undefined {
  if (text === null) return undefined;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 ? n * 1000 : undefined;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

export async function compress(text: string): Promise<string> {
  const stream = new Blob([new TextEncoder().encode(text)]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()));
}

export async function decompress(data: string): Promise<string> {
  const bytes = fromBase64Url(data);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new TextDecoder('utf-8', { fatal: true }).decode(await new Response(stream).arrayBuffer());
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

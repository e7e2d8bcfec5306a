/**
 * A lesson: a scenario plus guided steps. Each step has a short text (in Chinese and English), a
 * check the student's work must satisfy — evaluated against the engine, never against the UI —
 * and the intended solution, which the tests apply to prove the check can pass and fails before.
 */
import type { LiveAction, Scenario } from '../sim/scenario/schema';

export interface Text {
  en: string;
  'zh-CN': string;
}

export type LessonCheck =
  /** A main.cf parameter, as Postfix now uses it (after reload), equals or matches. */
  | { kind: 'param'; host: string; name: string; equals?: string; matches?: string }
  /** A mailbox on a host holds at least `count` messages, optionally one containing a text. */
  | { kind: 'mailbox'; host: string; path: string; count?: number; contains?: string }
  /** Some maillog line of the host matches. */
  | { kind: 'log'; host: string; matches: string }
  /** Some line a server sent to a client on the host matches (e.g. a 554 relay refusal). */
  | { kind: 'reply'; host: string; matches: string }
  /** Some output of a terminal on the host matches. */
  | { kind: 'output'; host: string; matches: string }
  /** What the host's smtpd would answer, now, to a client at `client` sending to `recipient`. */
  | { kind: 'relay'; host: string; client: string; recipient: string; expect: 'accept' | 'reject' }
  /** The queue of the host holds (or does not hold) a message in `queue`. */
  | { kind: 'queue'; host: string; queue: 'deferred' | 'active' | 'incoming' | 'hold'; count: number }
  /** Every check must pass. */
  | { kind: 'all'; checks: LessonCheck[] };

export interface LessonStep {
  id: string;
  text: Text;
  hint?: Text;
  check: LessonCheck;
  /** What a student would do: lines typed in a terminal, files saved, mail sent. */
  solution: LiveAction[];
}

export interface Lesson {
  /** Short and stable: it is part of shared links. */
  id: string;
  title: Text;
  summary: Text;
  scenario: Scenario;
  steps: LessonStep[];
}

/**
 * What travels between the page and the engine's worker. Everything here is plain data (it is
 * structured-cloned); XState snapshots and engine objects never cross.
 */
import type { CheckResult } from '../lessons/evaluate';
import type { LessonCheck } from '../lessons/types';
import type { EngineStatus } from '../sim/engine';
import type { TraceEvent } from '../sim/core/trace';
import type { FileCheck } from '../sim/introspect/fileCheck';
import type { MachineGraph } from '../sim/introspect/machineGraph';
import type { WorldInfo } from '../sim/introspect/worldInfo';
import type { MailboxDelta } from '../sim/projection/mailboxDelta';
import type { Scenario, ScriptStep } from '../sim/scenario/schema';
import type { ValidationIssue } from '../sim/scenario/validate';

export type { CheckResult, EngineStatus, FileCheck, LessonCheck, MachineGraph, MailboxDelta, Scenario, ScriptStep, TraceEvent, ValidationIssue, WorldInfo };

/** A script step without its time: a live action happens "now". */
export type LiveStep = ScriptStep extends infer S ? (S extends ScriptStep ? Omit<S, 'at'> : never) : never;

export interface LoadResult {
  ok: boolean;
  issues: ValidationIssue[];
  info?: WorldInfo;
  /** Mail already in the mailboxes at the start. */
  mailboxes?: MailboxDelta[];
}

export interface TickRequest {
  /**
   * Run the engine first: 'quiet' runs until only background timers (queue scans) are left; a
   * number advances the virtual clock to that time. Left out: only read events.
   */
  run?: 'quiet' | number;
  /** At most this many scheduler steps in this call, so that the worker stays responsive. */
  budget?: number;
  /** Send events from this trace position... */
  from: number;
  /** ...and at most this many. */
  max?: number;
}

export interface TickResult {
  status: EngineStatus;
  events: TraceEvent[];
  mailboxes: MailboxDelta[];
  /** The requested run finished (quiet reached, or the clock is at the requested time). */
  done: boolean;
}

export interface StepChecks {
  /** One result per check, in the order asked. */
  results: CheckResult[];
  /** Trace events when they were evaluated: a pass belongs to the timeline from this event on. */
  events: number;
}

export interface ActResult {
  /** The virtual time the action ran at (it is recorded with this time). */
  at: number;
  status: EngineStatus;
}

/** The engine's API as the worker exposes it. */
export interface SimApi {
  load(scenario: unknown): LoadResult;
  tick(request: TickRequest): TickResult;
  /** Runs a live action at virtual time `at` (or now, if the engine is already past it). */
  act(step: LiveStep, at: number): ActResult;
  /** Ctrl-C in a terminal, at virtual time `at` (or now). */
  interrupt(host: string, terminal: number, at: number): EngineStatus;
  /** A file on a host as it is now. */
  readFile(host: string, path: string): string | undefined;
  /** What the real tool would say about a file's text (postconf, postalias, named-checkzone). */
  checkFile(host: string, path: string, text: string, zoneOrigin?: string): FileCheck;
  validate(scenario: unknown): ValidationIssue[];
  /** Lesson checks against the engine as it is now (see lessons/evaluate.ts). */
  checkSteps(checks: LessonCheck[]): StepChecks;
  /** The daemons' statecharts, by catalog name (see daemonMachineName). */
  machines(): Record<string, MachineGraph>;
  /** The scenario plus every live action so far: replaying it gives the same trace. */
  recording(): Scenario | undefined;
  /** Makes the worker fail with an uncaught error (the crash-recovery test). */
  crashForTest(): void;
}

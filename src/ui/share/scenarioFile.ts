/**
 * The scenario as a JSON file: written readable (indented, the same schema as the editor and the
 * links use), read back as untrusted input — size-checked, parsed with its syntax error placed at
 * a line and column, migrated and validated with every problem at its field path.
 */
import { lessonById, LESSONS } from '../../lessons';
import type { Scenario } from '../../sim/scenario/schema';
import { validateScenario, type ValidationIssue } from '../../sim/scenario/validate';
import { jsonErrorPosition } from './jsonErrorPosition';

/** Far above a 10,000-message scenario, far below what would stall the page. */
export const MAX_FILE_BYTES = 20_000_000;

export type ScenarioFileResult =
  | { scenario: Scenario; warnings: ValidationIssue[]; lessonId?: string }
  | { error: 'tooLarge'; size: number }
  | { error: 'notJson'; line?: number; column?: number }
  | { error: 'invalid'; issues: ValidationIssue[] };

export function scenarioFileText(scenario: Scenario): string {
  return `${JSON.stringify(scenario, null, 2)}\n`;
}

/** "Open relay & mynetworks!" -> mailsim-open-relay-mynetworks.json */
export function scenarioFileName(scenario: Scenario): string {
  const slug = (scenario.title ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `mailsim-${slug || 'scenario'}.json`;
}

export function readScenarioFile(text: string): ScenarioFileResult {
  if (text.length > MAX_FILE_BYTES) return { error: 'tooLarge', size: text.length };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { error: 'notJson', ...jsonErrorPosition(text) };
  }
  const { scenario, issues } = validateScenario(data);
  const errors = issues.filter((i) => i.severity === 'error');
  if (!scenario || errors.length > 0) return { error: 'invalid', issues: errors.length > 0 ? errors : issues };
  return { scenario, warnings: issues, lessonId: lessonOf(scenario) };
}

/**
 * A file exported from a lesson (same title and seed) keeps that lesson's steps when it is
 * opened again; anything else is a scenario of its own.
 */
export function lessonOf(scenario: Scenario): string | undefined {
  const match = LESSONS.find((l) => l.scenario.title === scenario.title && l.scenario.seed === scenario.seed);
  return match && lessonById(match.id) ? match.id : undefined;
}

/**
 * The lesson library, in the order of the course: from a telnet session to virtual users.
 */
import { ALIASES_LESSON } from './library/aliases';
import { DEFERRED_LESSON } from './library/deferred';
import { DNS_LESSON } from './library/dns';
import { FETCH_LESSON } from './library/fetch';
import { MAILLOG_LESSON } from './library/maillog';
import { MXHOP_LESSON } from './library/mxhop';
import { POSTCONF_LESSON } from './library/postconf';
import { RELAY_LESSON } from './library/relay';
import { SASL_LESSON } from './library/sasl';
import { TELNET_LESSON } from './library/telnet';
import { VIRTUAL_LESSON } from './library/virtual';
import type { Lesson } from './types';

export const LESSONS: readonly Lesson[] = [
  TELNET_LESSON,
  ALIASES_LESSON,
  POSTCONF_LESSON,
  RELAY_LESSON,
  SASL_LESSON,
  DNS_LESSON,
  MXHOP_LESSON,
  DEFERRED_LESSON,
  VIRTUAL_LESSON,
  FETCH_LESSON,
  MAILLOG_LESSON,
];

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}

export const DEFAULT_LESSON_ID = TELNET_LESSON.id;

/**
 * What the page tells the class about how it opened: a shared link that was opened or could not
 * be, work restored from the browser. Shown in a banner until dismissed.
 */
import type { LinkErrorCode } from '../../share/urlCodec';

export type Notice =
  /** Saved work came back: what it holds, and that it can be discarded. */
  | { kind: 'restored'; savedAt: number; lessonId?: string; title?: string; changes: number; actions: number }
  /** Saved work was there but no longer loads (e.g. made by an older mailsim): the lesson opened instead. */
  | { kind: 'restoreFailed' }
  /** A link was opened: the lesson it builds on, or the title of its scenario. */
  | { kind: 'linkOpened'; lessonId?: string; title?: string; changes: number }
  /** A link could not be opened; the default lesson is shown. */
  | { kind: 'linkError'; code: LinkErrorCode; args: Record<string, string | number> };

/**
 * A useful subset of procmail, the MDA Postfix's local hands mail to with mailbox_command:
 * ~/.procmailrc variable assignments (MAILDIR, DEFAULT), and recipes
 *
 *   :0 [flags] [:]        a recipe (H: match the header, B: the body, c: continue after it)
 *   * ^Subject:.*spam     conditions: extended regular expressions, case-insensitive
 *   folder/               deliver to a Maildir (trailing /), a file (mbox), ! forward, | pipe
 *
 * The result is what procmail did, which local then logs as "delivered to command: ...".
 */

export type ProcmailAction =
  | { kind: 'mailbox'; path: string; maildir: boolean; recipe: number }
  | { kind: 'forward'; to: string[]; recipe: number }
  | { kind: 'pipe'; command: string; recipe: number };

export interface ProcmailRecipe {
  line: number;
  flags: string;
  conditions: { regex: string; negate: boolean }[];
  action: string;
}

export interface ProcmailResult {
  actions: ProcmailAction[];
  /** Problems procmail would have written to its log. */
  problems: string[];
}

export interface ProcmailEnv {
  home: string;
  user: string;
  /** Where mail goes when no recipe delivers it ($DEFAULT), e.g. /var/mail/alice. */
  defaultMailbox: string;
}

export function parseProcmailrc(text: string): { variables: [string, string][]; recipes: ProcmailRecipe[]; problems: string[] } {
  const variables: [string, string][] = [];
  const recipes: ProcmailRecipe[] = [];
  const problems: string[] = [];
  const lines = text.split('\n');
  let current: ProcmailRecipe | undefined;
  lines.forEach((raw, i) => {
    const line = raw.replace(/^\s+/, '').replace(/\s+#.*$/, '');
    if (line === '' || line.startsWith('#')) return;
    const recipe = /^:0([A-Za-z]*)(:.*)?$/.exec(line);
    if (recipe) {
      current = { line: i + 1, flags: recipe[1], conditions: [], action: '' };
      recipes.push(current);
      return;
    }
    if (current && current.action === '' && line.startsWith('*')) {
      const cond = line.slice(1).trim();
      const negate = cond.startsWith('!');
      current.conditions.push({ regex: negate ? cond.slice(1).trim() : cond, negate });
      return;
    }
    if (current && current.action === '') {
      current.action = line;
      return;
    }
    const assign = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (assign) {
      variables.push([assign[1], assign[2].replace(/^"(.*)"$/, '$1')]);
      return;
    }
    problems.push(`procmail: Skipped "${line}"`);
  });
  for (const r of recipes) if (r.action === '') problems.push(`procmail: Missing action on line ${r.line}`);
  return { variables, recipes, problems };
}

/** procmail's regex flavour: egrep syntax, "^TO_" and "^FROM_" macros, case-insensitive. */
function toRegExp(pattern: string): RegExp | undefined {
  const expanded = pattern
    .replace(/\^TO_/g, '^(To|Cc|Bcc|Apparently-To|Resent-To|Resent-Cc|Delivered-To|X-Original-To):(.*[^-a-zA-Z0-9_.])?')
    .replace(/\^FROM_/g, '^(From|Sender|Reply-To|Return-Path):(.*[^-a-zA-Z0-9_.])?');
  try {
    return new RegExp(expanded, 'im');
  } catch {
    return undefined;
  }
}

export function runProcmail(rcText: string | undefined, message: string, env: ProcmailEnv): ProcmailResult {
  const parsed = parseProcmailrc(rcText ?? '');
  const vars = new Map<string, string>([['HOME', env.home], ['LOGNAME', env.user], ['MAILDIR', env.home], ['DEFAULT', env.defaultMailbox]]);
  const expand = (v: string) => v.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, n: string) => vars.get(n) ?? '');
  for (const [k, v] of parsed.variables) vars.set(k, expand(v));
  const [header, ...bodyParts] = message.split('\n\n');
  const body = bodyParts.join('\n\n');
  const actions: ProcmailAction[] = [];
  const problems = [...parsed.problems];
  let delivered = false;
  parsed.recipes.forEach((r, index) => {
    if (delivered || r.action === '') return;
    const subject = r.flags.includes('B') && !r.flags.includes('H') ? body : r.flags.includes('B') ? message : header;
    const matches = r.conditions.every((c) => {
      const re = toRegExp(c.regex);
      if (!re) {
        problems.push(`procmail: Invalid regexp "${c.regex}"`);
        return false;
      }
      return re.test(subject) !== c.negate;
    });
    if (!matches) return;
    actions.push(actionOf(expand(r.action), vars.get('MAILDIR') ?? env.home, index + 1));
    if (!r.flags.includes('c')) delivered = true;
  });
  if (!delivered) actions.push(actionOf(vars.get('DEFAULT') ?? env.defaultMailbox, '/', 0));
  return { actions, problems };
}

function actionOf(action: string, maildir: string, recipe: number): ProcmailAction {
  if (action.startsWith('!')) return { kind: 'forward', to: action.slice(1).trim().split(/[\s,]+/).filter(Boolean), recipe };
  if (action.startsWith('|')) return { kind: 'pipe', command: action.slice(1).trim(), recipe };
  const path = action.startsWith('/') ? action : `${maildir.replace(/\/$/, '')}/${action}`;
  return { kind: 'mailbox', path, maildir: path.endsWith('/'), recipe };
}

/**
 * Fills "{name}" placeholders. Unknown placeholders stay visible, so a missing argument shows up
 * on screen instead of silently vanishing.
 */
export function fill(template: string, args?: Record<string, string | number>): string {
  if (!args) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in args ? String(args[name]) : whole));
}

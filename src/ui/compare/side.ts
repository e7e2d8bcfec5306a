/** The two runs of compare mode: A (the scenario as it was) and B (the variant). */
export type Side = 'a' | 'b';

export const SIDES: readonly Side[] = ['a', 'b'];

let counter = 0;

/**
 * A fresh id for a new lesion, structure or trajectory: the prefix, the time and a counter, so
 * ids made in one page never collide and ids made in two sessions (two tabs) hardly ever.
 */
export const newPlanId = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${(++counter).toString(36)}`;

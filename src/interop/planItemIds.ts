/**
 * The ids of every lesion, structure at risk and trajectory of a plan's content: each gets a
 * Tracking Unique Identifier derived from the plan and its id, so it stays the same across
 * versions. Read leniently: the exporter itself judges the content. Shared by the server's
 * export and the browser's (plans on local files), so both prepare the same tracking UIDs.
 */
export function planItemIds(content: Readonly<Record<string, unknown>>): string[] {
  const ids: string[] = [];
  for (const key of ['lesions', 'structuresAtRisk', 'trajectories']) {
    const list = content[key];
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
      if (typeof id === 'string' && !ids.includes(id)) ids.push(id);
    }
  }
  return ids;
}

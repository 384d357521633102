/**
 * The results registry of `npm run bench`: every row's values per side (ours, floor, peer),
 * its goal and notes; the medians, ratios and pass/miss marks written to results.json and
 * printed as a table. Never asserts a timing.
 */

export type Side = 'ours' | 'floor' | 'peer';

/**
 * A row's goal from the issues (17 above all). Every criterion given must hold for a pass;
 * a row whose own value (or a needed floor/peer value) was not measured is neither pass nor miss.
 */
export interface Goal {
  /** The goal in words, as printed. */
  text: string;
  /** ours ÷ floor at most this. */
  maxRatioToFloor?: number;
  /** peer ÷ ours at least this (ours this many times faster than the peer). */
  minSpeedupOverPeer?: number;
  /** ours at most this (in the row's unit). */
  max?: number;
  /** ours at least this (in the row's unit). */
  min?: number;
  /** ours at most this many times the median of another row's ours (e.g. the sample's first image vs the PACS one). */
  maxRatioToRow?: { id: string; ratio: number };
}

export type Mark = 'pass' | 'miss' | 'not measured';

/** One metric row of results.json. */
export interface Metric {
  id: string;
  unit: string;
  ours: number | null;
  floor: number | null;
  peer: number | null;
  ratioToFloor: number | null;
  ratioToPeer: number | null;
  /** Every run's value, and min and max, per side. */
  runs: Record<Side, number[]>;
  min: Record<Side, number | null>;
  max: Record<Side, number | null>;
  goal?: string;
  /** Only on rows with a goal. */
  mark?: Mark;
  note?: string;
}

interface Row {
  unit: string;
  values: Record<Side, number[]>;
  goal?: Goal;
  notes: Set<string>;
}

/** What a part of the bench needs to report its rows. */
export interface Recorder {
  record(id: string, unit: string, side: Side, v: number | null | undefined, goal?: Goal): void;
  note(id: string, unit: string, text: string): void;
  /** Declares a row (and its goal) so it appears even when nothing was measured. */
  row(id: string, unit: string, goal?: Goal): void;
}

export const median = (xs: readonly number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
export const percentile = (xs: readonly number[], p: number): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
};
const round = (v: number | null, digits = 1): number | null => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits);
const ratio = (a: number | null, b: number | null): number | null => (a === null || b === null || b === 0 ? null : round(a / b, 2));

/** The pass/miss mark of a goal against the row's medians (and other rows' medians). */
export function markOf(goal: Goal, ours: number | null, floor: number | null, peer: number | null, oursOf: (id: string) => number | null): Mark {
  if (ours === null) return 'not measured';
  const checks: (boolean | null)[] = [];
  if (goal.maxRatioToFloor !== undefined) checks.push(floor === null || floor <= 0 ? null : ours / floor <= goal.maxRatioToFloor);
  if (goal.minSpeedupOverPeer !== undefined) checks.push(peer === null || ours <= 0 ? null : peer / ours >= goal.minSpeedupOverPeer);
  if (goal.max !== undefined) checks.push(ours <= goal.max);
  if (goal.min !== undefined) checks.push(ours >= goal.min);
  if (goal.maxRatioToRow) {
    const other = oursOf(goal.maxRatioToRow.id);
    checks.push(other === null || other <= 0 ? null : ours / other <= goal.maxRatioToRow.ratio);
  }
  if (checks.includes(false)) return 'miss';
  if (checks.includes(null) || checks.length === 0) return 'not measured';
  return 'pass';
}

export class Results implements Recorder {
  private readonly rows = new Map<string, Row>();

  row(id: string, unit: string, goal?: Goal): void {
    this.rowOf(id, unit, goal);
  }

  record(id: string, unit: string, side: Side, v: number | null | undefined, goal?: Goal): void {
    const r = this.rowOf(id, unit, goal);
    if (typeof v === 'number' && Number.isFinite(v)) r.values[side].push(v);
  }

  note(id: string, unit: string, text: string): void {
    this.rowOf(id, unit).notes.add(text);
  }

  /** Every value recorded so far for one side of a row (e.g. dwv's local first image, reused as another row's peer). */
  values(id: string, side: Side): readonly number[] {
    return this.rows.get(id)?.values[side] ?? [];
  }

  /** True when the row has at least one value or note. */
  has(id: string): boolean {
    const r = this.rows.get(id);
    return !!r && (r.notes.size > 0 || r.values.ours.length > 0 || r.values.floor.length > 0 || r.values.peer.length > 0);
  }

  private rowOf(id: string, unit: string, goal?: Goal): Row {
    let r = this.rows.get(id);
    if (!r) {
      r = { unit, values: { ours: [], floor: [], peer: [] }, notes: new Set() };
      this.rows.set(id, r);
    }
    if (goal) r.goal = goal;
    return r;
  }

  metrics(): Metric[] {
    // The planning and post-procedure rows last (the Node ones are measured first, before the browser starts).
    const last = (id: string): number => Number(id.startsWith('plan.') || id.startsWith('postprocedure.'));
    const ordered = [...this.rows].sort(([a], [b]) => last(a) - last(b));
    const digitsOf = (unit: string): number => (unit === 'bytes/voxel' ? 3 : 1);
    const oursOf = (id: string): number | null => {
      const r = this.rows.get(id);
      return r ? round(median(r.values.ours), digitsOf(r.unit)) : null;
    };
    return ordered.map(([id, r]) => {
      const digits = digitsOf(r.unit);
      const m = (s: Side): number | null => round(median(r.values[s]), digits);
      const ext = (s: Side, f: (...v: number[]) => number): number | null => (r.values[s].length ? round(f(...r.values[s]), digits) : null);
      const out: Metric = {
        id,
        unit: r.unit,
        ours: m('ours'),
        floor: m('floor'),
        peer: m('peer'),
        ratioToFloor: ratio(m('ours'), m('floor')),
        ratioToPeer: ratio(m('ours'), m('peer')),
        runs: { ours: r.values.ours.map((v) => round(v, digits) as number), floor: r.values.floor.map((v) => round(v, digits) as number), peer: r.values.peer.map((v) => round(v, digits) as number) },
        min: { ours: ext('ours', Math.min), floor: ext('floor', Math.min), peer: ext('peer', Math.min) },
        max: { ours: ext('ours', Math.max), floor: ext('floor', Math.max), peer: ext('peer', Math.max) },
      };
      if (r.goal) {
        out.goal = r.goal.text;
        out.mark = markOf(r.goal, out.ours, out.floor, out.peer, oursOf);
      }
      if (r.notes.size) out.note = [...r.notes].join('; ');
      return out;
    });
  }
}

/** Prints the table: every row, its ratios, its goal and its mark, then the notes. */
export function printTable(ms: readonly Metric[], print: (s: string) => void = console.log): void {
  const cell = (v: number | null): string => (v === null ? '—' : String(v));
  const markCell = (m: Metric): string => (m.mark === 'pass' ? 'pass' : m.mark === 'miss' ? 'MISS' : m.mark ? '—' : '');
  const lines = [['metric', 'unit', 'ours', 'floor', 'peer', '÷floor', '÷peer', 'ours min–max', 'mark', 'goal']];
  for (const m of ms)
    lines.push([m.id, m.unit, cell(m.ours), cell(m.floor), cell(m.peer), cell(m.ratioToFloor), cell(m.ratioToPeer), m.min.ours === null ? '—' : `${m.min.ours}–${m.max.ours}`, markCell(m), m.goal ?? '']);
  const widths = (lines[0] ?? []).map((_, c) => Math.max(...lines.map((l) => (l[c] ?? '').length)));
  for (const l of lines) print(l.map((c, i) => (i < 2 || i >= 8 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ').trimEnd());
  const goals = ms.filter((m) => m.mark);
  print(`goals: ${goals.filter((m) => m.mark === 'pass').length} pass, ${goals.filter((m) => m.mark === 'miss').length} miss, ${goals.filter((m) => m.mark === 'not measured').length} not measured`);
  for (const m of ms) if (m.note) print(`  ${m.id}: ${m.note}`);
}

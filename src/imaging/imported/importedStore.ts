import type { SeriesInstances, StudyListing } from '../../dicom/studyListing';
import type { InstanceHeader } from '../../dicom/instanceHeader';
import type { CtGrid } from '../../interop/ctGrid';
import type { ImportedObject } from '../../interop/importTypes';
import { err, type Result } from '../../shared/result';
import type { ImportedSnapshot, LoadedObject, ObjectPlacement, SeriesObjects } from './importedTypes';
import type { ObjectRef } from './seriesObjects';
import { placeObject, type PlaceDeps } from './placeObject';
import { referencedSeriesOf } from './referencedSeries';

/** What the store reads with: the sources, the DICOM reader, the grid and the placement. */
export interface ImportedDeps extends PlaceDeps {
  list(study: StudyListing, seriesInstanceUID: string): Promise<ObjectRef[]>;
  read(bytes: Uint8Array, name: string): Result<ImportedObject, string>;
  headers(si: SeriesInstances): Promise<InstanceHeader[]>;
  grid(slices: readonly InstanceHeader[]): Result<CtGrid, string>;
}

const EMPTY: ImportedSnapshot = { bySeries: new Map(), ct: null, placements: new Map(), shown: new Set(), hidden: new Set() };
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * The SEG and SR objects of the open study: fetched and read series by series (with progress),
 * placed on the open CT's grid, with what is shown and hidden. Read-only: nothing here changes
 * a plan; adoption goes through the plan store's own commands.
 */
export class ImportedObjects {
  private snap: ImportedSnapshot = EMPTY;
  private readonly listeners = new Set<() => void>();
  private study: StudyListing | undefined;
  private ctToken = 0;

  constructor(private readonly deps: ImportedDeps) {}

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  getSnapshot = (): ImportedSnapshot => this.snap;

  private set(patch: Partial<ImportedSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const l of this.listeners) l();
  }

  private setSeries(uid: string, state: SeriesObjects): void {
    const bySeries = new Map(this.snap.bySeries);
    bySeries.set(uid, state);
    this.set({ bySeries });
  }

  /** Starts over for another study. */
  reset(study: StudyListing | undefined): void {
    this.study = study;
    this.ctToken++;
    this.set(EMPTY);
  }

  /** Every object read so far, all series together. */
  objects(): LoadedObject[] {
    return [...this.snap.bySeries.values()].flatMap((s) => s.objects);
  }

  /** Fetches and reads the SEG and SR objects of a series once; a failed series can be asked again. */
  async loadSeries(seriesInstanceUID: string): Promise<void> {
    const study = this.study;
    const known = this.snap.bySeries.get(seriesInstanceUID);
    if (!study || (known && known.status !== 'failed')) return;
    this.setSeries(seriesInstanceUID, { status: 'loading', done: 0, total: 0, objects: [] });
    try {
      const refs = await this.deps.list(study, seriesInstanceUID);
      const objects: LoadedObject[] = [];
      for (const ref of refs) {
        if (this.study !== study) return;
        this.setSeries(seriesInstanceUID, { status: 'loading', done: objects.length, total: refs.length, objects: [...objects] });
        let result: Result<ImportedObject, string>;
        try {
          result = this.deps.read(await ref.load(), ref.name);
        } catch (e) {
          result = err(`${ref.name}: ${message(e)}`);
        }
        objects.push({ key: ref.sopInstanceUID, seriesInstanceUID, sopClassUID: ref.sopClassUID, name: ref.name, result });
      }
      if (this.study !== study) return;
      this.setSeries(seriesInstanceUID, { status: 'loaded', objects });
      this.placeAll();
    } catch (e) {
      if (this.study === study) this.setSeries(seriesInstanceUID, { status: 'failed', error: message(e), objects: [] });
    }
  }

  /** The series now open over which objects are drawn: its CT grid is built from its headers. */
  async setCt(si: SeriesInstances | undefined): Promise<void> {
    const token = ++this.ctToken;
    if (!si) {
      this.set({ ct: null, placements: new Map() });
      return;
    }
    if (this.snap.ct?.seriesInstanceUID === si.seriesInstanceUID && this.snap.ct.grid) return;
    this.set({ ct: { seriesInstanceUID: si.seriesInstanceUID, grid: null }, placements: new Map() });
    let grid: Result<CtGrid, string>;
    try {
      grid = this.deps.grid(await this.deps.headers(si));
    } catch (e) {
      grid = err(message(e));
    }
    if (token !== this.ctToken) return;
    this.set({ ct: { seriesInstanceUID: si.seriesInstanceUID, grid } });
    this.placeAll();
  }

  /** Places every object read on the open CT (objects already placed on it are kept). */
  private placeAll(): void {
    const ct = this.snap.ct;
    const study = this.study;
    if (!ct?.grid || !study) return;
    const placements = new Map(this.snap.placements);
    for (const o of this.objects()) {
      if (!o.result.ok || placements.has(o.key)) continue;
      placements.set(o.key, placeObject(o.result.value, referencedSeriesOf(o.result.value, study), ct.grid, this.deps));
    }
    this.set({ placements });
  }

  /** The placement of an object on the open CT, once there is one. */
  placement(key: string): ObjectPlacement | undefined {
    return this.snap.placements.get(key);
  }

  /** Draws an object over the CT, or stops drawing it. */
  setShown(key: string, shown: boolean): void {
    const next = new Set(this.snap.shown);
    if (shown) next.add(key);
    else next.delete(key);
    this.set({ shown: next });
  }

  /** Switches one segment or graphic (by its toggle key) off or back on. */
  toggle(partKey: string): void {
    const next = new Set(this.snap.hidden);
    if (next.has(partKey)) next.delete(partKey);
    else next.add(partKey);
    this.set({ hidden: next });
  }

  /** The image series an object is drawn over, or why none. */
  drawnOn(o: ImportedObject): Result<string, string> {
    return this.study ? referencedSeriesOf(o, this.study) : err('no study is open');
  }
}

import type { Page } from 'playwright-core';

/** Page object for the study view: what a person sees and does, in a few verbs. */
export class ViewerPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async open(studyUID: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/studies/${studyUID}`);
    await this.waitReady();
  }

  async waitReady(timeout = 120_000): Promise<void> {
    await this.page.waitForSelector('[data-testid="load-ready"]', { state: 'attached', timeout });
    // The overlays update on the next animation frame after the last render.
    await this.page.waitForFunction(() => document.querySelectorAll('[data-testid^="slice-"]').length > 0, undefined, { timeout: 30_000 });
  }

  sliceText(slot: string): Promise<string> {
    return this.page.locator(`[data-testid="slice-${slot}"]`).innerText();
  }

  windowText(slot: string): Promise<string> {
    return this.page.locator(`[data-testid="window-${slot}"]`).innerText();
  }

  /** Luminance statistics of the canvas a viewport draws into. */
  canvasStats(slot: string): Promise<{ mean: number; std: number; nonBlack: number; width: number; height: number; hash: number }> {
    return this.page.evaluate((s) => {
      const canvas = document.querySelector(`[data-testid="viewport-${s}"] canvas`) as HTMLCanvasElement | null;
      if (!canvas) throw new Error(`no canvas in viewport ${s}`);
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('viewport canvas has no 2D context');
      const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let sum = 0;
      let sum2 = 0;
      let nonBlack = 0;
      let hash = 0;
      const n = width * height;
      for (let i = 0; i < data.length; i += 4) {
        const l = (data[i]! + data[i + 1]! + data[i + 2]!) / 3;
        sum += l;
        sum2 += l * l;
        if (l > 10) nonBlack++;
        hash = (hash * 31 + data[i]!) | 0;
      }
      const mean = sum / n;
      return { mean, std: Math.sqrt(Math.max(0, sum2 / n - mean * mean)), nonBlack: nonBlack / n, width, height, hash };
    }, slot);
  }

  /** Page coordinates of an LPS point in a viewport, from the open session. */
  worldToPage(slot: string, world: readonly [number, number, number]): Promise<[number, number]> {
    return this.page.evaluate(
      ([s, w]) => {
        const p = window.__percuplan?.session?.worldToPage(s as 'axial', w as [number, number, number]);
        if (!p) throw new Error(`viewport ${s} cannot place the point`);
        return p;
      },
      [slot, world] as const,
    );
  }

  jumpTo(world: readonly [number, number, number]): Promise<void> {
    return this.page.evaluate((w) => window.__percuplan?.session?.jumpTo(w as [number, number, number]), world);
  }

  async drag(from: [number, number], to: [number, number]): Promise<void> {
    const m = this.page.mouse;
    await m.move(from[0], from[1]);
    await m.down();
    for (let i = 1; i <= 8; i++) await m.move(from[0] + ((to[0] - from[0]) * i) / 8, from[1] + ((to[1] - from[1]) * i) / 8);
    await m.up();
  }

  measurementValues(kind: 'length' | 'angle'): Promise<number[]> {
    return this.page.$$eval(`[data-testid="measurements"] li[data-kind="${kind}"]`, (els) => els.map((e) => Number(e.getAttribute('data-value'))));
  }

  /** Clicks an LPS point in a viewport (the view must show its slice). */
  async clickWorld(slot: string, world: readonly [number, number, number], modifiers: { shift?: boolean } = {}): Promise<void> {
    const [x, y] = await this.worldToPage(slot, world);
    if (modifiers.shift) await this.page.keyboard.down('Shift');
    await this.page.mouse.click(x, y);
    if (modifiers.shift) await this.page.keyboard.up('Shift');
  }

  /** Presses a key with the focus on the page body (not in a form field). */
  async key(k: string): Promise<void> {
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await this.page.keyboard.press(k);
  }

  /** The lesions of the plan panel: label and volume (mL) as the panel shows them. */
  lesionVolumes(): Promise<number[]> {
    return this.page.$$eval('[data-testid="lesion-row"]', (rows) => rows.map((r) => Number(r.getAttribute('data-volume-ml'))));
  }

  /** The trajectories of the plan panel with the metrics they show. */
  trajectoryRows(): Promise<{ depth: number; cc: number; axial: number; text: string }[]> {
    return this.page.$$eval('[data-testid="trajectory-row"]', (rows) =>
      rows.map((r) => ({
        depth: Number(r.getAttribute('data-depth-mm')),
        cc: Number(r.getAttribute('data-cc-deg')),
        axial: Number(r.getAttribute('data-axial-deg')),
        text: (r as HTMLElement).innerText,
      })),
    );
  }

  // ---- planning -------------------------------------------------------------------------

  /** Opens a study and waits for the plan panel. */
  async openPlanning(studyUID: string): Promise<void> {
    await this.open(studyUID);
    await this.page.waitForSelector('[data-testid="plan-panel"]');
  }

  /** Waits until the plan panel lists `n` trajectories with their metrics. */
  async waitTrajectoryRows(n: number, timeout = 60_000): Promise<void> {
    await this.page.waitForFunction((k) => document.querySelectorAll('[data-testid="trajectory-row"][data-depth-mm]:not([data-depth-mm=""])').length === k, n, { timeout });
  }

  /** Starts a new, empty plan from the plan menu (waits for a plan on the series to open first). */
  async newPlan(): Promise<void> {
    await this.page.waitForFunction(() => !!document.querySelector('[data-testid="plan-message"]')?.textContent, undefined, { timeout: 60_000 });
    await this.page.selectOption('[data-testid="plan-select"]', '');
    await this.page.waitForFunction(() => document.querySelectorAll('[data-testid="trajectory-row"], [data-testid="lesion-row"]').length === 0, undefined, { timeout: 30_000 });
  }

  /** Grows a lesion from a click with the Grow tool (G); returns its volume in mL as the panel shows it. */
  async growAt(world: readonly [number, number, number]): Promise<number> {
    const before = await this.lesionVolumes();
    await this.jumpTo(world);
    await this.key('g');
    await this.clickWorld('axial', world);
    await this.page.waitForFunction((n) => {
      const rows = document.querySelectorAll('[data-testid="lesion-row"]');
      return rows.length > n && !!rows[rows.length - 1]?.getAttribute('data-volume-ml');
    }, before.length, { timeout: 60_000 });
    const after = await this.lesionVolumes();
    await this.key('Escape');
    return after[after.length - 1]!;
  }

  /** Places a needle with the Needle tool (N): a click at the entry, then one at the target, on the axial view. */
  async placeNeedle(entry: readonly [number, number, number], target: readonly [number, number, number]): Promise<void> {
    const before = (await this.trajectoryRows()).length;
    await this.jumpTo(target);
    await this.key('n');
    await this.clickWorld('axial', entry);
    await this.clickWorld('axial', target);
    await this.waitTrajectoryRows(before + 1, 30_000);
    await this.key('Escape');
  }

  /** Waits until the first lesion's volume (mL) is above, or exactly equal to, `ml`. */
  async waitLesionVolume(relation: 'above' | 'equal', ml: number): Promise<void> {
    await this.page.waitForFunction(
      ([r, v]) => {
        const now = Number(document.querySelector('[data-testid="lesion-row"]')?.getAttribute('data-volume-ml'));
        return r === 'above' ? now > v : now === v;
      },
      [relation, ml] as const,
      { timeout: 30_000 },
    );
  }

  /** Waits for the plan panel's message line to match. */
  async waitMessage(re: RegExp, timeout = 60_000): Promise<string> {
    const handle = await this.page.waitForFunction(
      ([src, flags]) => {
        const t = document.querySelector('[data-testid="plan-message"]')?.textContent ?? '';
        return new RegExp(src, flags).test(t) ? t : false;
      },
      [re.source, re.flags] as const,
      { timeout },
    );
    return (await handle.jsonValue()) as string;
  }

  /** Clicks Save and waits for the server's answer; returns the saved plan's id. */
  async savePlan(): Promise<string> {
    await this.page.click('[data-testid="save-plan"]');
    await this.waitMessage(/Saved, version/);
    const id = await this.page.$eval('[data-testid="plan-select"]', (s) => (s as HTMLSelectElement).value);
    if (!id) throw new Error('the plan menu shows no saved plan after saving');
    return id;
  }

  /** The plan as the server stores it. */
  storedPlan(id: string): Promise<StoredPlan> {
    return this.page.evaluate(async (planId) => (await (await fetch(`/api/plans/${planId}`)).json()) as StoredPlan, id);
  }

  /** Pixels drawn on a view's plan overlay: any opaque pixel, or the needle's (light yellow) colour. */
  overlayPixels(slot: string, what: 'any' | 'needle'): Promise<number> {
    return this.page.evaluate(
      ([s, w]) => {
        const c = document.querySelector(`[data-testid="plan-overlay-${s}"]`) as HTMLCanvasElement | null;
        const ctx = c?.getContext('2d');
        if (!c || !ctx) return 0;
        const d = ctx.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) {
          if (w === 'any' ? d[i + 3]! > 0 : d[i + 3]! > 100 && d[i]! > 200 && d[i + 1]! > 180) n++;
        }
        return n;
      },
      [slot, what] as const,
    );
  }

  // ---- imported SEG and SR objects --------------------------------------------------------

  /** Waits until the series browser lists `n` SEG/SR objects (read or not); returns their lines. */
  async importedObjects(n: number, timeout = 60_000): Promise<{ key: string; readable: boolean; kind: string; text: string }[]> {
    await this.page.waitForFunction(
      (k) => document.querySelectorAll('[data-testid="imported-object"]').length >= k && !document.querySelector('[data-testid="imported-progress"]'),
      n,
      { timeout },
    );
    return this.page.$$eval('[data-testid="imported-object"]', (els) =>
      els.map((e) => ({
        key: e.getAttribute('data-key') ?? '',
        readable: e.getAttribute('data-readable') === 'true',
        kind: e.querySelector('[data-testid="imported-kind"]')?.textContent ?? '',
        text: (e as HTMLElement).innerText,
      })),
    );
  }

  /** Clicks "Show over CT" of the object with that SOP Instance UID. */
  async showOverCt(key: string): Promise<void> {
    await this.page.click(`[data-testid="imported-object"][data-key="${key}"] [data-testid="show-over-ct"]`);
  }

  /** The segments of an object in the "Imported objects" panel, once placed on the CT. */
  async importedSegments(key: string, timeout = 60_000): Promise<{ label: string; voxels: number; colour: string }[]> {
    const sel = `[data-testid="imported-entry"][data-key="${key}"] [data-testid="imported-segment"]`;
    await this.page.waitForFunction((s) => [...document.querySelectorAll(s)].some((e) => e.getAttribute('data-voxels')), sel, { timeout });
    return this.page.$$eval(sel, (els) =>
      els.map((e) => ({ label: e.getAttribute('data-label') ?? '', voxels: Number(e.getAttribute('data-voxels') || NaN), colour: e.getAttribute('data-colour') ?? '' })),
    );
  }

  /** Overlay pixels of a view whose colour is within `tolerance` of `hex` (any opacity). */
  overlayColourPixels(slot: string, hex: string, tolerance = 12): Promise<number> {
    return this.page.evaluate(
      ([s, h, tol]) => {
        const c = document.querySelector(`[data-testid="plan-overlay-${s}"]`) as HTMLCanvasElement | null;
        const ctx = c?.getContext('2d');
        if (!c || !ctx) return 0;
        const v = parseInt(h.slice(1), 16);
        const [r, g, b] = [(v >> 16) & 255, (v >> 8) & 255, v & 255];
        const d = ctx.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) {
          if (d[i + 3]! > 0 && Math.abs(d[i]! - r) <= tol && Math.abs(d[i + 1]! - g) <= tol && Math.abs(d[i + 2]! - b) <= tol) n++;
        }
        return n;
      },
      [slot, hex, tolerance] as const,
    );
  }

  /** Overlay pixels of a view within `radius` CSS pixels of an LPS point whose colour is one of `colours`. */
  overlayColourPixelsNear(slot: string, world: readonly [number, number, number], radius: number, colours: readonly string[], tolerance = 12): Promise<number> {
    return this.page.evaluate(
      ([s, w, rad, hexes, tol]) => {
        const p = window.__percuplan?.session?.worldToPage(s as 'axial', w as [number, number, number]);
        const c = document.querySelector(`[data-testid="plan-overlay-${s}"]`) as HTMLCanvasElement | null;
        const ctx = c?.getContext('2d');
        if (!p || !c || !ctx) return 0;
        const rect = c.getBoundingClientRect();
        const dpr = c.width / rect.width;
        const cx = (p[0] - rect.left) * dpr, cy = (p[1] - rect.top) * dpr, r = rad * dpr;
        const x0 = Math.max(0, Math.floor(cx - r)), y0 = Math.max(0, Math.floor(cy - r));
        const w2 = Math.min(c.width - x0, Math.ceil(2 * r)), h2 = Math.min(c.height - y0, Math.ceil(2 * r));
        if (w2 <= 0 || h2 <= 0) return 0;
        const d = ctx.getImageData(x0, y0, w2, h2).data;
        const rgb = hexes.map((h) => {
          const v = parseInt(h.slice(1), 16);
          return [(v >> 16) & 255, (v >> 8) & 255, v & 255] as const;
        });
        let n = 0;
        for (let i = 0; i < d.length; i += 4) {
          if (d[i + 3]! < 100) continue;
          if (rgb.some(([R, G, B]) => Math.abs(d[i]! - R) <= tol && Math.abs(d[i + 1]! - G) <= tol && Math.abs(d[i + 2]! - B) <= tol)) n++;
        }
        return n;
      },
      [slot, world, radius, colours, tolerance] as const,
    );
  }
}

/** The parts of a stored plan document the tests read. */
export interface StoredPlan {
  id: string;
  caseId: string;
  status: string;
  version: number;
  content: {
    lesions: { id: string; measurements: { volumeMl: number } }[];
    structuresAtRisk: { kind: string }[];
    trajectories: { entry: [number, number, number]; target: [number, number, number]; metrics: { depthMm: number } }[];
  };
}

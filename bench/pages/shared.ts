/** What a bench page reports to the runner through `window.__bench`. */
export interface BenchPageResult {
  /** ms from the file input's change event */
  firstMs?: number;
  allMs?: number;
  error?: string;
  /** bytes of the one volume array (floor) */
  volumeBytes?: number;
  voxels?: number;
}

declare global {
  interface Window {
    __bench?: BenchPageResult;
    __benchWorkers?: number;
  }
}

/** The file input every bench page has; resolves with the picked files and the pick time. */
export function onFiles(handler: (files: File[], t0: number) => void): void {
  const input = document.getElementById('files') as HTMLInputElement;
  input.addEventListener('change', () => handler([...(input.files ?? [])], performance.now()));
}

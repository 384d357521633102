/**
 * The peer: dwv (npm package `dwv`) loading the same files into one view, timed to its first
 * rendered image and to the end of the load.
 */
import { App, AppOptions, ViewConfig } from 'dwv';
import { onFiles } from './shared';

const app = new App();
app.init(new AppOptions({ '*': [new ViewConfig('layerGroup0')] }));

onFiles((files, t0) => {
  window.__bench = {};
  app.addEventListener('renderend', () => {
    if (window.__bench && window.__bench.firstMs === undefined) window.__bench.firstMs = performance.now() - t0;
  });
  app.addEventListener('load', () => {
    if (window.__bench) window.__bench.allMs = performance.now() - t0;
  });
  app.addEventListener('error', (e: { error?: unknown }) => {
    if (window.__bench) window.__bench.error = String(e.error ?? 'dwv load error');
  });
  app.loadFiles(files);
});

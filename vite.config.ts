import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The production build is what users and the e2e tests run; the dev server needs the
// dicom-image-loader kept out of pre-bundling (its decode worker dies silently otherwise).
export default defineConfig({
  plugins: [react()],
  root: '.',
  build: { outDir: 'dist', sourcemap: false, chunkSizeWarningLimit: 8000 },
  worker: { format: 'es' },
  optimizeDeps: {
    exclude: ['@cornerstonejs/dicom-image-loader'],
    include: ['dicom-parser'],
  },
});

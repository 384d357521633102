// `npm run inspect -- <files or folders>`: reports what PercuPlan would make of a set of
// DICOM files. The logic lives in inspect.ts so tests can run it without a child process.
import { runInspect } from './inspect';

process.exitCode = runInspect(process.argv.slice(2), (line) => console.log(line));

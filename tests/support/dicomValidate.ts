import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * The DICOM validators the interop tests run on what PercuPlan writes: dicom3tools' `dciodvfy`
 * (modules, VRs, references) and `dcentvfy` (patient/study consistency across files), dcmtk's
 * `dsrdump` (SR content items), and Debian's pydicom as a decoder independent of dcmjs. Always
 * Debian's /usr/bin/python3, never a python3 on PATH from another installation without pydicom.
 */
export const SYSTEM_PYTHON = '/usr/bin/python3';

const TOOLS = {
  dciodvfy: '/usr/bin/dciodvfy',
  dcentvfy: '/usr/bin/dcentvfy',
  dsrdump: '/usr/bin/dsrdump',
} as const;

let reason: string | null | undefined;

/**
 * Why the validator tests cannot run here (printed once), or undefined when every validator is
 * installed: dciodvfy, dcentvfy, dsrdump and `/usr/bin/python3 -c 'import pydicom'`.
 */
export function validatorSkipReason(): string | undefined {
  if (reason === undefined) {
    const missing: string[] = Object.entries(TOOLS)
      .filter(([, file]) => !existsSync(file))
      .map(([name, file]) => `${name} (${file})`);
    const py = existsSync(SYSTEM_PYTHON) ? spawnSync(SYSTEM_PYTHON, ['-c', 'import pydicom'], { encoding: 'utf8' }) : null;
    if (!py || py.status !== 0) missing.push(`pydicom for ${SYSTEM_PYTHON}`);
    reason =
      missing.length === 0
        ? null
        : `skipped the DICOM validator checks: ${missing.join(', ')} absent ` +
          '(apt-get install --no-install-recommends dicom3tools dcmtk python3-pydicom, or run scripts/install-system-deps.sh as root)';
    if (reason) console.warn(reason);
  }
  return reason ?? undefined;
}

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program to its end; a non-zero exit is reported, not thrown (validators exit 1 on findings). */
function run(file: string, args: readonly string[]): Promise<Ran> {
  return new Promise((resolve, reject) => {
    execFile(file, [...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') {
        reject(new Error(`${file} could not run: ${error.message}`));
        return;
      }
      resolve({ code: error && typeof error.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });
}

const linesOf = (text: string): string[] => text.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== '');

/**
 * dciodvfy on one file: the lines starting "Error" and "Warning", and the whole output (it
 * writes its findings on standard error).
 */
export async function dciodvfy(file: string): Promise<{ errors: string[]; warnings: string[]; output: string }> {
  const r = await run(TOOLS.dciodvfy, [file]);
  const output = `${r.stdout}${r.stderr}`;
  const lines = linesOf(output);
  return { errors: lines.filter((l) => l.startsWith('Error')), warnings: lines.filter((l) => l.startsWith('Warning')), output };
}

/**
 * dcentvfy on a set of files: it prints nothing when their patient, study, series and frame of
 * reference attributes agree, so every non-empty line it prints is taken as an error.
 */
export async function dcentvfy(files: readonly string[]): Promise<{ errors: string[]; output: string }> {
  const r = await run(TOOLS.dcentvfy, files);
  const output = `${r.stdout}${r.stderr}`;
  const errors = linesOf(output);
  if (r.code !== 0 && errors.length === 0) errors.push(`dcentvfy exited ${r.code} without saying why`);
  return { errors, output };
}

/** dsrdump on one SR file: ok when it exits 0 and reports no error or warning line. */
export async function dsrdump(file: string): Promise<{ ok: boolean; output: string }> {
  const r = await run(TOOLS.dsrdump, [file]);
  const output = `${r.stdout}${r.stderr}`;
  const complaint = linesOf(r.stderr).some((l) => /^(E|W|F):/.test(l));
  return { ok: r.code === 0 && !complaint, output };
}

/**
 * Runs `/usr/bin/python3 -c script args…` (Debian's python with pydicom) and resolves its
 * standard output; rejects with its standard error when it exits non-zero.
 */
export async function pydicom(script: string, args: readonly string[]): Promise<string> {
  const r = await run(SYSTEM_PYTHON, ['-c', script, ...args]);
  if (r.code !== 0) throw new Error(`python (pydicom) exited ${r.code}: ${r.stderr || r.stdout}`);
  return r.stdout;
}

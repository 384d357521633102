import { useRef, useState, type DragEvent } from 'react';
import { importLocalFiles, type ImportReport, type PickedFile } from '../imaging';
import { errorText } from '../api/apiProblem';

/** Collects files from a drop, including whole folders (webkit entries API). */
async function filesFromDrop(e: DragEvent): Promise<PickedFile[]> {
  const out: PickedFile[] = [];
  const items = [...e.dataTransfer.items];
  const entries = items.map((i) => i.webkitGetAsEntry?.()).filter((x): x is FileSystemEntry => !!x);
  if (entries.length === 0) return [...e.dataTransfer.files].map((f) => ({ file: f, path: f.name }));
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((res, rej) => (entry as FileSystemFileEntry).file(res, rej));
      out.push({ file, path: entry.fullPath.replace(/^\//, '') });
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      // readEntries returns batches; keep reading until it returns none.
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((res, rej) => reader.readEntries(res, rej));
        if (batch.length === 0) break;
        for (const child of batch) await walk(child);
      }
    }
  };
  for (const entry of entries) await walk(entry);
  return out;
}

const picked = (list: FileList | null): PickedFile[] =>
  [...(list ?? [])].map((f) => ({ file: f, path: f.webkitRelativePath || f.name }));

/** Drop zone, file and folder pickers, progress and the import report of local files. */
export function ImportPanel() {
  const [over, setOver] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | undefined>();
  const [report, setReport] = useState<ImportReport | undefined>();
  const [error, setError] = useState<string | undefined>();
  const folderRef = useRef<HTMLInputElement>(null);

  const run = async (files: PickedFile[]): Promise<void> => {
    if (files.length === 0) return;
    setReport(undefined);
    setError(undefined);
    setProgress({ done: 0, total: files.length });
    try {
      setReport(await importLocalFiles(files, (done, total) => setProgress({ done, total })));
    } catch (e) {
      setError(`The files could not be read: ${errorText(e)}`);
    } finally {
      setProgress(undefined);
    }
  };

  return (
    <section
      className={`import-panel${over ? ' over' : ''}`}
      data-testid="drop-zone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        filesFromDrop(e).then(run, (x: unknown) => setError(`The dropped folder could not be read: ${errorText(x)}`));
      }}
    >
      <div className="import-row">
        <span>Drop DICOM files or folders here — they are read in this browser and never uploaded.</span>
        <label className="button">
          Files…
          <input type="file" multiple data-testid="file-input" onChange={(e) => void run(picked(e.target.files))} hidden />
        </label>
        <label className="button">
          Folder…
          <input
            type="file"
            ref={(el) => {
              folderRef.current = el;
              el?.setAttribute('webkitdirectory', '');
            }}
            data-testid="folder-input"
            onChange={(e) => void run(picked(e.target.files))}
            hidden
          />
        </label>
      </div>
      {progress && (
        <div className="load-progress" role="progressbar" data-testid="import-progress">
          <div className="bar" style={{ width: `${(100 * progress.done) / progress.total}%` }} />
          <span>
            Reading files — {progress.done} / {progress.total}
          </span>
        </div>
      )}
      {error && (
        <div className="error-text" data-testid="import-error">
          {error}
        </div>
      )}
      {report && (
        <div className="import-report" data-testid="import-report">
          <div>
            Read {report.read} of {report.total} files into {report.studies.length} {report.studies.length === 1 ? 'study' : 'studies'}
            {report.skipped.length > 0 && ` · ${report.skipped.length} skipped (not DICOM)`}
            {report.failures.length > 0 && ` · ${report.failures.length} could not be read`}
          </div>
          {(report.failures.length > 0 || report.skipped.length > 0) && (
            <details open={report.failures.length > 0}>
              <summary>Files not loaded</summary>
              <table>
                <tbody>
                  {[...report.failures.map((f) => ({ ...f, kind: 'failed' })), ...report.skipped.map((f) => ({ ...f, kind: 'skipped' }))].map((f) => (
                    <tr key={f.file} data-kind={f.kind}>
                      <td className="file">{f.file}</td>
                      <td>{f.kind === 'failed' ? 'Error' : 'Skipped'}</td>
                      <td>{f.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          )}
        </div>
      )}
    </section>
  );
}

/**
 * Results export: the chosen format/dialect, a busy flag with progress, and the download itself
 * (chunks streamed into a Blob, then saved through an object URL — nothing leaves the device).
 */
import { chunksToBlob, formatBytes } from '$lib/report/blob-stream';
import { exportPlan, type ExportContext, type ExportFormat, type SqlDialectId } from '$lib/report/export-plan';

/** Saves a Blob as a file through a temporary object URL (no network involved). */
export function downloadBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: some browsers start reading the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

class ExportState {
  format = $state<ExportFormat>('csv');
  dialect = $state<SqlDialectId>('postgresql');
  busy = $state(false);
  progress = $state('');
  message = $state('');
  error = $state('');
  #ac: AbortController | null = null;

  async run(ctx: ExportContext) {
    if (this.busy) return;
    const ac = (this.#ac = new AbortController());
    this.busy = true;
    this.error = '';
    this.message = '';
    this.progress = 'Preparing…';
    try {
      const file = exportPlan({ format: this.format, dialect: this.dialect }, ctx);
      const blob = await chunksToBlob(file.chunks, file.mimeType, { signal: ac.signal, onProgress: (b) => (this.progress = `Writing ${file.fileName}: ${formatBytes(b)}`) });
      downloadBlob(blob, file.fileName);
      this.message = `Exported ${file.fileName} (${formatBytes(blob.size)})`;
    } catch (e) {
      this.error = (e as { code?: string }).code === 'export/cancelled' ? '' : `Export failed: ${e instanceof Error ? e.message : String(e)}`;
      if (!this.error) this.message = 'Export cancelled.';
    } finally {
      this.busy = false;
      this.progress = '';
      if (this.#ac === ac) this.#ac = null;
    }
  }

  cancel() { this.#ac?.abort(); }
}

export const exporter = new ExportState();

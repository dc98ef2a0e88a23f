/**
 * Several text files → one .zip, streamed with fflate (each file deflated as its chunks arrive, so
 * the archive is produced piece by piece). Also picks "one CSV or a zip of CSVs" for table exports.
 */
import { Zip, ZipDeflate, strToU8 } from 'fflate';
import type { ColumnarTable } from '../model';
import { exportCsvChunks, type CsvExportOptions } from './export-csv';

export interface ZipEntry {
  name: string;
  chunks: AsyncIterable<string>;
}

/** Zips the entries; yields the archive's bytes in order. */
export async function* zipChunks(entries: ZipEntry[], level: 0 | 1 | 6 | 9 = 6): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = [];
  let done = false;
  let failure: Error | null = null;
  const zip = new Zip((err, data, final) => {
    if (err) failure = err;
    else out.push(data);
    if (final) done = true;
  });
  const used = new Set<string>();
  for (const e of entries) {
    let name = e.name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_') || 'file';
    for (let n = 2; used.has(name.toLowerCase()); n++) name = name.replace(/(\.[^.]*)?$/, `_${n}$1`);
    used.add(name.toLowerCase());
    const file = new ZipDeflate(name, { level });
    zip.add(file);
    for await (const c of e.chunks) {
      file.push(strToU8(c));
      if (failure) throw failure;
      while (out.length) yield out.shift()!;
    }
    file.push(new Uint8Array(0), true);
    while (out.length) yield out.shift()!;
  }
  zip.end();
  if (failure) throw failure;
  while (out.length) yield out.shift()!;
  if (!done) throw new Error('zip stream did not finish');
}

export interface TablesExport {
  fileName: string;
  mimeType: string;
  /** Text chunks (one CSV) or bytes (zip). */
  chunks: AsyncIterable<string | Uint8Array>;
}

/** One table → `name.csv`; several → `archiveName.zip` holding one CSV per table. */
export function exportTablesAsCsv(data: Record<string, ColumnarTable>, archiveName = 'synthetic-data', opts: CsvExportOptions = {}): TablesExport {
  const names = Object.keys(data);
  if (names.length === 1) return { fileName: `${names[0]}.csv`, mimeType: 'text/csv', chunks: exportCsvChunks(data[names[0]], opts) };
  return {
    fileName: `${archiveName}.zip`,
    mimeType: 'application/zip',
    chunks: zipChunks(names.map((n) => ({ name: `${n}.csv`, chunks: exportCsvChunks(data[n], opts) })))
  };
}

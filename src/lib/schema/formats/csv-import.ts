/**
 * CSV import: PapaParse in chunks → `ColumnarTable`, with delimiter and header detection, UTF-8 BOM,
 * quoted newlines, ragged rows reported by line number (skip or abort) and specific errors for an
 * empty, header-only or binary file. The collector (`CsvCollector`) is the pure core; `importCsvText`
 * drives it synchronously (Node, tests) and `importCsvStream` drives it from a `File` in the import
 * worker with progress and cancellation. Only an empty cell is missing here; other missing tokens
 * ("NULL", "N/A", …) are decided by type inference (`infer.ts`), because "NA" may be North America.
 */
import Papa from 'papaparse';
import { AppError, type ColumnarTable } from '../model';

/** Progress and cancellation, structurally the engine's `RunControl` (schema/ imports no engine code). */
export interface ImportControl {
  onProgress?: (p: { fraction: number; step: string }) => void | Promise<void>;
  signal?: { readonly aborted: boolean };
}

export interface CsvImportOptions {
  /** Display name used in messages (usually the file name). */
  fileName?: string;
  /** '' or undefined: detect (comma, semicolon, tab, pipe). */
  delimiter?: string;
  /** 'auto' (default) detects whether the first row is a header. */
  header?: 'auto' | boolean;
  /** What to do with a row whose field count differs from the header: 'abort' (default) or 'skip'. */
  raggedRows?: 'abort' | 'skip';
  /** Rows per Papa chunk callback is decided by Papa; this sets its chunk size in bytes/chars. */
  chunkSize?: number;
  /** Stop after this many data rows (preview). */
  maxRows?: number;
}

export interface RaggedRow {
  /** 1-based line where the row starts in the file. */
  line: number;
  expected: number;
  found: number;
}

export interface CsvImportResult {
  table: ColumnarTable;
  delimiter: string;
  /** Whether the first row was used as the header. */
  hasHeader: boolean;
  rowCount: number;
  /** Rows skipped because their field count was wrong (at most `MAX_REPORTED` listed). */
  raggedRows: RaggedRow[];
  raggedRowCount: number;
  /** Non-fatal parser notes (unbalanced quotes …), each with a line number when known. */
  warnings: { line?: number; message: string }[];
  /** True when `maxRows` stopped the read early. */
  truncated: boolean;
}

const MAX_REPORTED = 1000;

/** True when the text looks like a binary file: NUL bytes or many control/replacement characters. */
export function looksBinary(sample: string): boolean {
  const n = Math.min(sample.length, 8192);
  if (!n) return false;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) bad++;
  }
  return bad / n > 0.05;
}

const NUMERIC = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?%?$/;
const DATEISH = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/;

/**
 * Header heuristic (in the spirit of Python's `csv.Sniffer.has_header`): the first row is a header
 * when its cells are non-empty and distinct, and either none of them is a number or date while the
 * data has numbers/dates in that column, or no header cell looks like data at all.
 */
export function detectHeader(first: string[], rest: string[][]): boolean {
  const cells = first.map((c) => c.trim());
  if (cells.some((c) => c === '')) return false;
  if (new Set(cells).size !== cells.length) return false;
  const dataLike = (s: string) => NUMERIC.test(s.trim()) || DATEISH.test(s.trim());
  if (cells.some(dataLike)) return false;
  if (!rest.length) return true;
  // A column whose data are numbers/dates but whose first cell is text votes for a header; a
  // text column where the first cell's length is unlike the data's fixed length also votes for it.
  let votes = 0;
  for (let c = 0; c < cells.length; c++) {
    const col = rest.map((r) => (r[c] ?? '').trim()).filter((v) => v !== '');
    if (!col.length) continue;
    if (col.every(dataLike)) { votes++; continue; }
    const len = col[0].length;
    if (col.every((v) => v.length === len)) votes += cells[c].length === len ? -1 : 1;
  }
  // All-text tables with no evidence either way: a header is far more common than not.
  return votes >= 0;
}

/** Number of line breaks inside a parsed row's fields (quoted newlines), to keep line numbers right. */
function breaksIn(row: string[]): number {
  let n = 0;
  for (const f of row) {
    for (let i = f.indexOf('\n'); i >= 0; i = f.indexOf('\n', i + 1)) n++;
    if (!f.includes('\n')) for (let i = f.indexOf('\r'); i >= 0; i = f.indexOf('\r', i + 1)) n++;
  }
  return n;
}

/**
 * Accumulates parsed rows into columns. Rows arrive in chunks in file order; the first non-blank
 * rows are buffered until the header decision can be made.
 */
export class CsvCollector {
  private names: string[] | null = null;
  private columns: (string | null)[][] = [];
  private pending: { row: string[]; line: number }[] = [];
  private line = 1;
  private rows = 0;
  readonly ragged: RaggedRow[] = [];
  raggedCount = 0;
  readonly warnings: { line?: number; message: string }[] = [];
  hasHeader = false;
  truncated = false;
  sawAnyRow = false;

  constructor(private readonly opts: CsvImportOptions = {}) {}

  get file() { return this.opts.fileName; }

  /** Feeds parsed rows (in order). Returns false once `maxRows` is reached. */
  add(rows: string[][], errors: Papa.ParseError[] = []): boolean {
    const lines: number[] = [];
    try {
      for (const row of rows) {
        const line = this.line;
        lines.push(line);
        this.line += 1 + breaksIn(row);
        if (row.length === 1 && row[0].trim() === '') continue; // blank line
        this.sawAnyRow = true;
        if (!this.names) {
          this.pending.push({ row, line });
          if (this.pending.length >= 20) this.decideHeader();
          if (this.truncated) return false;
        } else if (!this.push(row, line)) return false;
      }
    } finally {
      for (const e of errors) {
        if (e.code === 'UndetectableDelimiter') continue; // one-column files are fine
        const line = e.row !== undefined ? lines[e.row] : undefined;
        if (this.warnings.length < MAX_REPORTED) this.warnings.push({ line, message: line ? `line ${line}: ${e.message}` : e.message });
      }
    }
    return true;
  }

  private decideHeader() {
    const first = this.pending[0];
    const rest = this.pending.slice(1).map((p) => p.row);
    const h = this.opts.header ?? 'auto';
    this.hasHeader = h === 'auto' ? detectHeader(first.row, rest) : h;
    const width = first.row.length;
    this.names = this.hasHeader ? first.row.map((n, i) => n.trim() || `column_${i + 1}`) : Array.from({ length: width }, (_, i) => `column_${i + 1}`);
    this.columns = this.names.map(() => []);
    const queue = this.hasHeader ? this.pending.slice(1) : this.pending;
    this.pending = [];
    for (const p of queue) if (!this.push(p.row, p.line)) break;
  }

  private push(row: string[], line: number): boolean {
    if (this.truncated) return false;
    const width = this.names!.length;
    if (row.length !== width) {
      // A trailing delimiter on every line gives one extra empty field: accept it silently.
      if (!(row.length === width + 1 && row[width] === '')) {
        const r = { line, expected: width, found: row.length };
        if ((this.opts.raggedRows ?? 'abort') === 'abort') {
          throw new AppError('csv/ragged-row', `${this.file ?? 'CSV'} line ${line}: expected ${width} fields, found ${row.length}`, { file: this.file, line }, r);
        }
        this.raggedCount++;
        if (this.ragged.length < MAX_REPORTED) this.ragged.push(r);
        return true;
      }
    }
    for (let c = 0; c < width; c++) {
      const v = row[c];
      this.columns[c].push(v === '' ? null : v);
    }
    this.rows++;
    if (this.opts.maxRows !== undefined && this.rows >= this.opts.maxRows) {
      this.truncated = true;
      return false;
    }
    return true;
  }

  finish(delimiter: string): CsvImportResult {
    const file = this.file ?? 'The file';
    if (!this.names) {
      if (!this.pending.length) throw new AppError('csv/empty', `${file} is empty`, { file: this.opts.fileName });
      this.decideHeader();
    }
    if (this.rows === 0 && this.hasHeader && !this.raggedCount) {
      throw new AppError('csv/header-only', `${file} has a header row (${this.names!.length} columns) but no data rows`, { file: this.opts.fileName, line: 2 });
    }
    if (this.rows === 0) {
      throw new AppError('csv/no-valid-rows', `${file}: every data row had the wrong number of fields`, { file: this.opts.fileName, line: this.ragged[0]?.line });
    }
    const dup = this.names!.find((n, i) => this.names!.indexOf(n) !== i);
    if (dup !== undefined) this.warnings.push({ line: 1, message: `Column name "${dup}" appears more than once` });
    return {
      table: { names: this.names!, columns: this.columns },
      delimiter,
      hasHeader: this.hasHeader,
      rowCount: this.rows,
      raggedRows: this.ragged,
      raggedRowCount: this.raggedCount,
      warnings: this.warnings,
      truncated: this.truncated
    };
  }
}

const DELIMITERS = [',', ';', '\t', '|'];

/**
 * Guesses the delimiter from the start of the file (Papa's guesser: the candidate giving the most
 * consistent field count over the first rows), so every later chunk is split the same way.
 */
export function guessDelimiter(sample: string): string {
  const res = Papa.parse<string[]>(sample, { preview: 50, delimitersToGuess: DELIMITERS, skipEmptyLines: true });
  return DELIMITERS.includes(res.meta.delimiter) ? res.meta.delimiter : ',';
}

function papaConfig(delimiter: string) {
  return { header: false, dynamicTyping: false, skipEmptyLines: false as const, delimiter };
}

function stripBom(text: string) {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function checkStart(text: string, file: string | undefined) {
  if (looksBinary(text)) throw new AppError('csv/binary', `${file ?? 'The file'} is not a text file (it contains binary data)`, { file });
  if (!text.trim()) throw new AppError('csv/empty', `${file ?? 'The file'} is empty`, { file });
}

/** Parses CSV text synchronously (Papa's string streamer, chunk by chunk). */
export function importCsvText(text: string, opts: CsvImportOptions = {}): CsvImportResult {
  text = stripBom(text);
  checkStart(text, opts.fileName);
  const col = new CsvCollector(opts);
  const delimiter = opts.delimiter || guessDelimiter(text.slice(0, 65536));
  let failure: unknown;
  const config = {
    ...papaConfig(delimiter),
    chunkSize: opts.chunkSize ?? Papa.LocalChunkSize,
    chunk(res: Papa.ParseResult<string[]>, parser: Papa.Parser) {
      try {
        if (!col.add(res.data, res.errors)) parser.abort();
      } catch (e) {
        failure = e;
        parser.abort();
      }
    }
  };
  // Papa's typings have no overload for a string with a chunk callback, which it supports.
  Papa.parse<string[]>(text, config as unknown as Papa.ParseConfig<string[]>);
  if (failure) throw failure;
  return col.finish(delimiter);
}

/** A browser `File`/`Blob`, or text. */
export type CsvSource = Blob | string;

/**
 * A Blob as the Node-style readable Papa's ReadableStreamStreamer expects. We read byte slices and
 * decode them with one streaming TextDecoder: Papa's own FileStreamer decodes each slice on its
 * own, which corrupts a multi-byte UTF-8 character split across a slice boundary ("Tromsø").
 * The decoder also drops a UTF-8 BOM.
 */
class BlobTextStream {
  readonly readable = true;
  private handlers: Record<string, ((x?: unknown) => void)[]> = {};
  private offset = 0;
  private paused = false;
  private reading = false;
  stopped = false;
  private decoder = new TextDecoder('utf-8');
  constructor(private readonly blob: Blob, private readonly sliceBytes: number, private readonly onBytes: (read: number) => void) {}
  read() { return null; }
  on(ev: string, fn: (x?: unknown) => void) { (this.handlers[ev] ??= []).push(fn); if (ev === 'data') queueMicrotask(() => void this.pump()); return this; }
  removeListener(ev: string, fn: (x?: unknown) => void) { this.handlers[ev] = (this.handlers[ev] ?? []).filter((f) => f !== fn); return this; }
  pause() { this.paused = true; }
  resume() { this.paused = false; void this.pump(); }
  private emit(ev: string, x?: unknown) { for (const f of [...(this.handlers[ev] ?? [])]) f(x); }
  private async pump() {
    if (this.reading) return;
    this.reading = true;
    try {
      while (!this.paused && !this.stopped && this.offset < this.blob.size) {
        const end = Math.min(this.blob.size, this.offset + this.sliceBytes);
        const bytes = new Uint8Array(await this.blob.slice(this.offset, end).arrayBuffer());
        this.offset = end;
        const text = this.decoder.decode(bytes, { stream: this.offset < this.blob.size });
        this.onBytes(this.offset);
        if (this.stopped) return;
        if (text) this.emit('data', text);
        await new Promise((r) => setTimeout(r, 0)); // let a cancel message in
      }
      if (!this.stopped && this.offset >= this.blob.size) { this.stopped = true; this.emit('end'); }
    } catch (e) {
      this.stopped = true;
      this.emit('error', e);
    } finally {
      this.reading = false;
    }
  }
}

/**
 * Streams a file through Papa in chunks (~1 MB), reporting progress by bytes read and aborting on
 * cancel. Used by the import worker; runs in Node too (strings and Blobs).
 */
export async function importCsvStream(source: CsvSource, opts: CsvImportOptions = {}, ctl?: ImportControl): Promise<CsvImportResult> {
  const head = stripBom(typeof source === 'string' ? source.slice(0, 65536) : await source.slice(0, 65536).text());
  checkStart(head, opts.fileName);
  const col = new CsvCollector(opts);
  const delimiter = opts.delimiter || guessDelimiter(head);
  const step = `reading ${opts.fileName ?? 'CSV'}`;
  const total = typeof source === 'string' ? source.length : source.size;
  let stream: BlobTextStream | undefined;
  let input: unknown;
  if (typeof source === 'string') input = stripBom(source);
  else {
    stream = new BlobTextStream(source, opts.chunkSize ?? 1 << 20, (read) => void ctl?.onProgress?.({ fraction: read / Math.max(1, total), step }));
    input = stream;
  }
  return new Promise<CsvImportResult>((resolve, reject) => {
    let failure: unknown;
    const config = {
      ...papaConfig(delimiter),
      chunkSize: opts.chunkSize ?? 1 << 20,
      chunk(res: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        try {
          if (!col.add(res.data, res.errors)) { if (stream) stream.stopped = true; parser.abort(); return; }
          if (ctl?.signal?.aborted) {
            failure = new AppError('run/cancelled', 'The import was cancelled');
            if (stream) stream.stopped = true;
            parser.abort();
            return;
          }
          if (!stream) void ctl?.onProgress?.({ fraction: Math.min(1, res.meta.cursor / Math.max(1, total)), step });
        } catch (e) {
          failure = e;
          if (stream) stream.stopped = true;
          parser.abort();
        }
      },
      complete() {
        if (failure) return reject(failure);
        try { resolve(col.finish(delimiter)); } catch (e) { reject(e); }
      },
      error(err: Error) {
        reject(new AppError('csv/read-failed', `Could not read ${opts.fileName ?? 'the file'}: ${err?.message ?? String(err)}`, { file: opts.fileName }));
      }
    };
    try {
      Papa.parse(input as string, config as unknown as Papa.ParseConfig<string[]>);
    } catch (e) {
      reject(new AppError('csv/read-failed', `Could not read ${opts.fileName ?? 'the file'}: ${e instanceof Error ? e.message : String(e)}`, { file: opts.fileName }));
    }
  });
}

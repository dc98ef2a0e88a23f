/**
 * Splits an SQL script into statements so each can be parsed on its own (one bad statement must
 * not sink the file). Understands '…' and "…" strings, `…` and […] identifiers, -- and /* … *\/
 * comments (MySQL's /*! … *\/ too), PostgreSQL $tag$ … $tag$ bodies, and SQL Server's `GO` lines.
 * Comments are removed from the returned text; each statement keeps its 1-based start line.
 */

export interface SqlStatement {
  sql: string;
  /** 1-based line of the statement's first character. */
  line: number;
}

export function splitSqlStatements(text: string, opts: { backslashEscapes?: boolean } = {}): SqlStatement[] {
  const backslash = opts.backslashEscapes ?? false;
  const out: SqlStatement[] = [];
  let cur = '';
  let line = 1;
  let startLine = 0;
  const push = () => {
    const sql = cur.trim();
    if (sql) out.push({ sql, line: startLine || line });
    cur = '';
    startLine = 0;
  };
  const n = text.length;
  let i = 0;
  let atLineStart = true;
  while (i < n) {
    const c = text[i];
    // SQL Server batch separator: a line holding only GO.
    if (atLineStart) {
      const m = /^[ \t]*GO[ \t]*(\r?\n|$)/i.exec(text.slice(i, i + 16));
      if (m) { push(); i += m[0].length; if (m[1]) line++; continue; }
    }
    atLineStart = false;
    if (c === '\n') { line++; atLineStart = true; cur += c; i++; continue; }
    if (c === '-' && text[i + 1] === '-') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      for (let k = i; k < stop; k++) if (text[k] === '\n') line++;
      i = stop;
      cur += ' ';
      continue;
    }
    if (c === ';') { push(); i++; continue; }
    if (!startLine && !/\s/.test(c)) startLine = line;
    if (c === "'" || c === '"' || c === '`' || c === '[') {
      const close = c === '[' ? ']' : c;
      let k = i + 1;
      while (k < n) {
        if (text[k] === close) {
          if (text[k + 1] === close && close !== ']') { k += 2; continue; } // doubled quote
          break;
        }
        if (backslash && text[k] === '\\' && c === "'") { k += 2; continue; } // MySQL backslash escapes
        k++;
      }
      const piece = text.slice(i, Math.min(n, k + 1));
      for (const ch of piece) if (ch === '\n') line++;
      cur += piece;
      i = k + 1;
      continue;
    }
    if (c === '$') {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i, i + 64));
      if (m) {
        const end = text.indexOf(m[0], i + m[0].length);
        const stop = end < 0 ? n : end + m[0].length;
        const piece = text.slice(i, stop);
        for (const ch of piece) if (ch === '\n') line++;
        cur += piece;
        i = stop;
        continue;
      }
    }
    cur += c;
    i++;
  }
  push();
  return out;
}

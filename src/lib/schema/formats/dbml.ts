/**
 * DBML (dbdiagram.io) ⇄ Schema. Import parses with `@dbml/parse` (tables, fields with pk / unique /
 * not null / note, composite pk indexes, enums, inline and standalone Refs); export writes DBML text
 * that the parser reads back (tested by round trip).
 */
import { AppError, type Column, type Relationship, type RelationshipType, type Schema, type Table } from '../model';
import { newId } from './json-safe';
import { sqlTypeToDataType } from './sql-types';

interface DbmlField { name: string; type: { type_name: string; args: string | null }; pk?: boolean; unique?: boolean; not_null?: boolean; note?: string | null }
interface DbmlTable { name: string; note?: string | null; fields: DbmlField[]; indexes: { pk?: boolean; unique?: boolean; columns: { value: string }[] }[] }
interface DbmlEndpoint { tableName: string; fieldNames: string[]; relation: '1' | '*' }
interface DbmlSchema { tables: DbmlTable[]; refs: { endpoints: DbmlEndpoint[] }[]; enums: { name: string; values: { name: string }[] }[] }

/** The compiler's raw output: refs already resolved (inline refs, table aliases); notes are `{ value }`. */
type RawNote = { value?: string } | string | null | undefined;
interface RawDb {
  tables: (Omit<DbmlTable, 'note' | 'fields'> & { note?: RawNote; fields: (Omit<DbmlField, 'note'> & { note?: RawNote })[] })[];
  refs: DbmlSchema['refs'];
  enums: DbmlSchema['enums'];
}

const noteText = (n: RawNote): string | null => (typeof n === 'string' ? n : n?.value ?? null);

function fromRawDb(raw: RawDb): DbmlSchema {
  return {
    tables: (raw.tables ?? []).map((t) => ({ ...t, note: noteText(t.note), indexes: t.indexes ?? [], fields: t.fields.map((f) => ({ ...f, note: noteText(f.note) })) })),
    refs: raw.refs ?? [],
    enums: raw.enums ?? []
  };
}

export interface DbmlImportResult { schema: Schema; warnings: { line?: number; message: string }[] }

export async function importDbml(text: string, file?: string): Promise<DbmlImportResult> {
  if (!text.trim()) throw new AppError('dbml/empty', `${file ?? 'The DBML file'} is empty`, { file });
  // @dbml/parse is the DBML v2 compiler that @dbml/core wraps; used alone it is ~0.5 MB instead of
  // @dbml/core's 15 MB bundle of SQL parsers we never call (we parse DDL with node-sql-parser).
  const { Compiler, MemoryProjectLayout, DEFAULT_ENTRY } = await import('@dbml/parse');
  const layout = new MemoryProjectLayout();
  layout.setSource(DEFAULT_ENTRY, text);
  const compiler = new Compiler(layout);
  let db: { schemas: DbmlSchema[] };
  try {
    const errors = compiler.parse.errors(DEFAULT_ENTRY);
    if (errors.length) {
      const diags = errors.map((e) => ({ line: e.nodeOrToken.startPos.line + 1, message: e.diagnostic }));
      const d = diags[0];
      throw new AppError('dbml/syntax', `${file ?? 'DBML'} line ${d.line}: ${d.message}${diags.length > 1 ? ` (and ${diags.length - 1} more)` : ''}`, { file, line: d.line }, diags);
    }
    db = { schemas: [fromRawDb(compiler.parse.rawDb(DEFAULT_ENTRY) as unknown as RawDb)] };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('dbml/syntax', `${file ?? 'DBML'} could not be read: ${e instanceof Error ? e.message : String(e)}`, { file });
  }
  const warnings: DbmlImportResult['warnings'] = [];
  const tables: Table[] = [];
  const byName = new Map<string, Table>();
  const schemas = db.schemas ?? [];
  const enums = new Map<string, string[]>();
  for (const s of schemas) for (const e of s.enums ?? []) enums.set(e.name, e.values.map((v) => v.name));
  for (const s of schemas) {
    for (const t of s.tables) {
      const compositePk = t.indexes.find((i) => i.pk)?.columns.map((c) => c.value) ?? [];
      const columns: Column[] = t.fields.map((f) => {
        const m = /^([^(]+)(\((.*)\))?$/.exec(f.type.type_name.trim());
        const base = (m?.[1] ?? f.type.type_name).trim();
        const args = (m?.[3] ?? f.type.args ?? '').split(',').map((x) => Number(x.trim()));
        let { dataType, hints } = sqlTypeToDataType({ name: base, length: Number.isFinite(args[0]) ? args[0] : undefined, scale: Number.isFinite(args[1]) ? args[1] : undefined }, f.name);
        if (enums.has(base)) { dataType = 'categorical'; hints = { categories: enums.get(base)! }; }
        const pk = !!f.pk || compositePk.includes(f.name);
        const col: Column = { id: newId(), name: f.name, data_type: dataType, is_nullable: !pk && !f.not_null, is_primary_key: pk, is_unique: !!f.unique || (!!f.pk && compositePk.length === 0) };
        if (f.note) col.description = String(f.note);
        if (Object.keys(hints).length) col.hints = hints;
        return col;
      });
      for (const idx of t.indexes) {
        if (idx.unique && idx.columns.length === 1) {
          const c = columns.find((x) => x.name === idx.columns[0].value);
          if (c) c.is_unique = true;
        }
      }
      const table: Table = { id: newId(), name: t.name, columns };
      if (t.note) table.description = String(t.note);
      tables.push(table);
      byName.set(t.name, table);
    }
  }
  const relationships: Relationship[] = [];
  for (const s of schemas) {
    for (const ref of s.refs) {
      const [a, b] = ref.endpoints;
      // The "1" side is referenced (source); the "*" side holds the foreign key. 1–1: the second endpoint is the FK.
      const [src, dst] = a.relation === '*' && b.relation === '1' ? [b, a] : [a, b];
      const type: RelationshipType = src.relation === '*' && dst.relation === '*' ? 'many-to-many' : src.relation === '1' && dst.relation === '1' ? 'one-to-one' : 'one-to-many';
      const st = byName.get(src.tableName), dt = byName.get(dst.tableName);
      if (!st || !dt) { warnings.push({ message: `Ref between ${src.tableName} and ${dst.tableName}: table not found` }); continue; }
      src.fieldNames.forEach((sf, i) => {
        const sc = st.columns.find((c) => c.name === sf), tc = dt.columns.find((c) => c.name === dst.fieldNames[i]);
        if (!sc || !tc) { warnings.push({ message: `Ref ${src.tableName}.${sf} - ${dst.tableName}.${dst.fieldNames[i]}: column not found` }); return; }
        relationships.push({ id: newId(), source_table_id: st.id, source_column_id: sc.id, target_table_id: dt.id, target_column_id: tc.id, relationship_type: type });
      });
    }
  }
  if (!tables.length) throw new AppError('dbml/no-tables', `${file ?? 'The DBML file'} defines no tables`, { file });
  return { schema: { tables, relationships }, warnings };
}

const DBML_TYPES: Record<Column['data_type'], string> = {
  integer: 'integer', float: 'double', decimal: 'decimal', string: 'varchar', text: 'text', boolean: 'boolean',
  date: 'date', datetime: 'timestamp', uuid: 'uuid', email: 'varchar', phone: 'varchar', name: 'varchar',
  address: 'varchar', url: 'varchar', categorical: 'varchar'
};

/** Always double-quoted: DBML's quoted names accept anything but an unescaped quote or backslash. */
const q = (name: string) => `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ')}"`;
const note = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;

export function exportDbml(schema: Schema): string {
  const lines: string[] = [];
  const colById = new Map<string, { t: Table; c: Column }>();
  for (const t of schema.tables) for (const c of t.columns) colById.set(c.id, { t, c });
  // Categorical columns with known categories become DBML enums (that is how they read back).
  const enumOf = new Map<string, string>();
  const enumNames = new Set<string>();
  for (const t of schema.tables) {
    for (const c of t.columns) {
      const cats = c.hints?.categories;
      if (c.data_type !== 'categorical' || !cats?.length) continue;
      let name = `${t.name}_${c.name}`;
      for (let n = 2; enumNames.has(name); n++) name = `${t.name}_${c.name}_${n}`;
      enumNames.add(name);
      enumOf.set(c.id, name);
      lines.push(`Enum ${q(name)} {`, ...cats.map((v) => `  ${q(v)}`), '}', '');
    }
  }
  for (const t of schema.tables) {
    const pk = t.columns.filter((c) => c.is_primary_key);
    lines.push(`Table ${q(t.name)} {`);
    for (const c of t.columns) {
      const s: string[] = [];
      if (c.is_primary_key && pk.length === 1) s.push('pk');
      if (c.is_unique && !(c.is_primary_key && pk.length === 1)) s.push('unique');
      if (!c.is_nullable && !(c.is_primary_key && pk.length === 1)) s.push('not null');
      if (c.description) s.push(`note: ${note(c.description)}`);
      let type = enumOf.has(c.id) ? q(enumOf.get(c.id)!) : DBML_TYPES[c.data_type] ?? 'varchar';
      if (c.data_type === 'decimal' && c.hints?.decimals !== undefined) type = `decimal(38,${c.hints.decimals})`;
      lines.push(`  ${q(c.name)} ${type}${s.length ? ` [${s.join(', ')}]` : ''}`);
    }
    if (pk.length > 1) lines.push('', '  indexes {', `    (${pk.map((c) => q(c.name)).join(', ')}) [pk]`, '  }');
    if (t.description) lines.push('', `  Note: ${note(t.description)}`);
    lines.push('}', '');
  }
  for (const r of schema.relationships) {
    const s = colById.get(r.source_column_id), d = colById.get(r.target_column_id);
    if (!s || !d) continue;
    const op = r.relationship_type === 'one-to-one' ? '-' : r.relationship_type === 'many-to-many' ? '<>' : '<';
    lines.push(`Ref: ${q(s.t.name)}.${q(s.c.name)} ${op} ${q(d.t.name)}.${q(d.c.name)}`);
  }
  return lines.join('\n') + '\n';
}

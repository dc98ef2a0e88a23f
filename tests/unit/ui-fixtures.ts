/** Small schema builders and the command-layer harness shared by the ui-* unit tests. */
import { StudioDB } from '../../src/lib/db/db';
import { createProject } from '../../src/lib/db/projects';
import { applyCommand, type Command, type ProjectDoc } from '../../src/lib/db/commands';
import { loadProjectDoc, persistCommand } from '../../src/lib/db/schema-repo';
import type { Column, DataType, Schema, Table } from '../../src/lib/schema/model';

export function col(name: string, data_type: DataType = 'integer', extra: Partial<Column> = {}): Column {
  return { id: `c-${name}-${Math.random().toString(36).slice(2, 8)}`, name, data_type, is_nullable: false, is_primary_key: false, is_unique: false, ...extra };
}

export function table(name: string, columns: Column[], extra: Partial<Table> = {}): Table {
  return { id: `t-${name}`, name, columns, ...extra };
}

/** customers(id PK) ← orders(customer_id), plus products(sku uuid PK). */
export function shop(): Schema {
  const customers = table('customers', [col('id', 'integer', { is_primary_key: true }), col('email', 'email')]);
  const orders = table('orders', [col('id', 'integer', { is_primary_key: true }), col('customer_id'), col('note', 'text', { is_nullable: true }), col('product_sku', 'uuid')]);
  const products = table('products', [col('sku', 'uuid', { is_primary_key: true }), col('code', 'string', { is_unique: true })]);
  return { tables: [customers, orders, products], relationships: [] };
}

export const colId = (s: Schema, t: string, c: string) => s.tables.find((x) => x.name === t)!.columns.find((x) => x.name === c)!.id;
export const tabId = (s: Schema, t: string) => s.tables.find((x) => x.name === t)!.id;

/** A fresh IndexedDB with one empty project, as a command-layer document. */
export async function freshDoc() {
  const d = new StudioDB(`test-${crypto.randomUUID()}`);
  const project = await createProject(d, 'Shop');
  const doc: ProjectDoc = { project, schema: { tables: [], relationships: [] }, samples: new Map() };
  return { d, doc };
}

/** Applies, persists and returns the doc as read back from IndexedDB. */
export async function runCommand(d: StudioDB, doc: ProjectDoc, c: Command) {
  applyCommand(doc, c);
  await persistCommand(d, doc, c);
  return (await loadProjectDoc(d, doc.project.id))!;
}

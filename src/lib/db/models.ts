/** Saved learned models: save, list (newest first), read, delete. The model itself is stored as given. */
import type { ModelRow, StudioDB } from './db';

export type ModelInfo = Omit<ModelRow, 'model'>;

export async function saveModel(d: StudioDB, row: Omit<ModelRow, 'id' | 'created_at'>): Promise<ModelInfo> {
  const name = row.name.trim();
  if (!name) throw new Error('A saved model needs a name');
  const full: ModelRow = { ...row, name, id: crypto.randomUUID(), created_at: new Date().toISOString() };
  await d.models.add(full);
  const { model: _m, ...info } = full;
  return info;
}

/** Every saved model without its (possibly large) body, newest first. */
export async function listModels(d: StudioDB): Promise<ModelInfo[]> {
  const rows: ModelInfo[] = [];
  await d.models.orderBy('created_at').reverse().each(({ model: _m, ...info }) => void rows.push(info));
  return rows;
}

export async function getModel(d: StudioDB, id: string): Promise<ModelRow | undefined> {
  return d.models.get(id);
}

export async function deleteModel(d: StudioDB, id: string): Promise<void> {
  await d.models.delete(id);
}

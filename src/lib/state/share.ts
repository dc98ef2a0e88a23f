/** Schema file of a saved project that is not open (start screen's per-project "Download"). */
import { db } from '$lib/db/db';
import { loadProjectDoc } from '$lib/db/schema-repo';
import { schemaFileExport, type ExportedFile } from './schema-export';

export async function savedProjectSchemaFile(projectId: string): Promise<ExportedFile> {
  const doc = await loadProjectDoc(db(), projectId);
  if (!doc) throw new Error('That project no longer exists');
  return schemaFileExport(doc, { includeSamples: false });
}

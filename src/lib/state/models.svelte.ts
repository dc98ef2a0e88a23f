/**
 * Saved learned models: "Save model" (IndexedDB), "Download model" (JSON file), "Load model" from the
 * saved list or a file (validated by parseLearnedModel: a bad file gets a clear message).
 */
import { db } from '$lib/db/db';
import { deleteModel, getModel, listModels, saveModel, type ModelInfo } from '$lib/db/models';
import type { ProjectDoc } from '$lib/db/commands';
import { modelTables, parseLearnedModel, type LearnedModel } from '$lib/engine/learned-model';
import { safeFileBase } from '$lib/report/export-plan';
import { downloadBlob } from './export.svelte';
import { run, type ShownModel } from './run.svelte';

const when = (iso: string) => new Date(iso).toLocaleString();

class SavedModels {
  list = $state<ModelInfo[]>([]);
  /** Outcome of the last action (saved, loaded, or what was wrong with a file). */
  message = $state('');
  failed = $state(false);

  #say(text: string, failed = false) {
    this.message = text;
    this.failed = failed;
  }

  async refresh() {
    try {
      this.list = await listModels(db());
    } catch (e) {
      this.#say(`Could not read the saved models: ${e instanceof Error ? e.message : String(e)}`, true);
    }
  }

  async save(shown: ShownModel, name: string, doc: ProjectDoc) {
    try {
      const m = shown.model;
      // $state.raw keeps the model a plain object; a JSON copy drops any proxy before IndexedDB clones it.
      const info = await saveModel(db(), { name, project_id: doc.project.id, project_name: doc.project.name, synthesizer: m.synthesizer, tables: modelTables(m), model: JSON.parse(JSON.stringify(m)) });
      run.showModel(doc, m, `Saved model “${info.name}” (${when(info.created_at)})`);
      this.#say(`Saved model “${info.name}”.`);
      await this.refresh();
    } catch (e) {
      this.#say(e instanceof Error ? e.message : String(e), true);
    }
  }

  download(shown: ShownModel, projectName: string) {
    const text = JSON.stringify(shown.model);
    downloadBlob(new Blob([text], { type: 'application/json' }), `${safeFileBase(projectName)}-${shown.model.synthesizer}-model.json`);
  }

  async loadSaved(id: string, doc: ProjectDoc) {
    try {
      const row = await getModel(db(), id);
      if (!row) throw new Error('That saved model no longer exists');
      const model = parseLearnedModel(row.model);
      run.showModel(doc, model, `Saved model “${row.name}” (${when(row.created_at)})`);
      this.#say(`Loaded “${row.name}”: ${describe(model)}.`);
    } catch (e) {
      this.#say(e instanceof Error ? e.message : String(e), true);
    }
  }

  async loadFile(file: File, doc: ProjectDoc) {
    try {
      const model = parseLearnedModel(await file.text());
      run.showModel(doc, model, `Model file “${file.name}”`);
      this.#say(`Loaded “${file.name}”: ${describe(model)}.`);
    } catch (e) {
      this.#say(`${file.name}: ${e instanceof Error ? e.message : String(e)}`, true);
    }
  }

  async remove(id: string) {
    await deleteModel(db(), id);
    await this.refresh();
  }
}

function describe(m: LearnedModel): string {
  const t = modelTables(m);
  return `${m.synthesizer === 'cart' ? 'sequential CART' : 'Gaussian copula'}, ${t.length} table${t.length === 1 ? '' : 's'} (${t.join(', ')})`;
}

export const savedModels = new SavedModels();

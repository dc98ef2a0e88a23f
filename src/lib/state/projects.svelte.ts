/** The start screen's list of local projects (IndexedDB through $lib/db/projects). */
import { db } from '$lib/db/db';
import { createProject, deleteProject, duplicateProject, listProjects, renameProject, type ProjectSummary } from '$lib/db/projects';

class ProjectsState {
  list = $state<ProjectSummary[]>([]);
  loaded = $state(false);

  async refresh() {
    this.list = await listProjects(db());
    this.loaded = true;
  }
  async create(name: string) {
    const p = await createProject(db(), name);
    await this.refresh();
    return p;
  }
  async rename(id: string, name: string) { await renameProject(db(), id, name); await this.refresh(); }
  async duplicate(id: string) { const p = await duplicateProject(db(), id); await this.refresh(); return p; }
  async remove(id: string) { await deleteProject(db(), id); await this.refresh(); }
}

export const projects = new ProjectsState();

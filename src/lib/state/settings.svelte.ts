/** App-wide settings (stored in IndexedDB): whether the service worker answers /api/sdv. */
import { apiEnabled, db, setApiEnabled } from '$lib/db/db';

class AppSettings {
  apiEnabled = $state(true);
  loaded = $state(false);

  async load() {
    this.apiEnabled = await apiEnabled(db());
    this.loaded = true;
  }

  async setApi(on: boolean) {
    await setApiEnabled(db(), on);
    this.apiEnabled = on;
  }
}

export const appSettings = new AppSettings();

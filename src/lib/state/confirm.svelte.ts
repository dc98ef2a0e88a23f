/** One app-wide confirmation dialog (ConfirmDialog.svelte renders it): `await ask(...)`. */
interface Request { title: string; message: string; confirmLabel: string; resolve: (ok: boolean) => void }

class ConfirmState {
  current = $state<Request | null>(null);
  ask(title: string, message: string, confirmLabel = 'Delete'): Promise<boolean> {
    this.current?.resolve(false);
    return new Promise((resolve) => (this.current = { title, message, confirmLabel, resolve }));
  }
  answer(ok: boolean) {
    const c = this.current;
    this.current = null;
    c?.resolve(ok);
  }
}

export const confirmation = new ConfirmState();

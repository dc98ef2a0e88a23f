/**
 * Files opened from the operating system in the installed app ("Open with …", the manifest's
 * `file_handlers`) arrive through `window.launchQueue` (File Handling API, Chromium). Feature
 * detected: where the API is missing this does nothing.
 */

interface LaunchParams { files?: readonly { kind?: string; getFile(): Promise<File> }[] }
interface LaunchQueue { setConsumer(consumer: (params: LaunchParams) => void | Promise<void>): void }

/** Hands every launch's files to `onfiles`. Returns whether the API exists here. */
export function consumeLaunchQueue(onfiles: (files: File[]) => void, w: unknown = typeof window === 'undefined' ? undefined : window): boolean {
  const queue = (w as { launchQueue?: LaunchQueue } | undefined)?.launchQueue;
  if (!queue || typeof queue.setConsumer !== 'function') return false;
  queue.setConsumer(async (params) => {
    const handles = (params.files ?? []).filter((h) => h && typeof h.getFile === 'function' && (h.kind ?? 'file') === 'file');
    if (!handles.length) return;
    const files = await Promise.all(handles.map((h) => h.getFile()));
    onfiles(files);
  });
  return true;
}

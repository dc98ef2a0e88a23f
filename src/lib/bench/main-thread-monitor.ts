/**
 * How responsive the page's main thread stays while a worker computes: Long Tasks API entries
 * (tasks > 50 ms, the W3C definition of a long task) plus the gaps between requestAnimationFrame
 * callbacks (what a user sees as a stalled frame; in headless Chromium under CPU contention these
 * can also grow without any main-thread work, so the long tasks are the authoritative number).
 */
export interface MainThreadStats {
  /** Longest task seen (ms; 0 = none over 50 ms). */
  maxLongTaskMs: number;
  /** Number of tasks > 50 ms. */
  longTasks: number;
  /** Longest interval between two animation frames (ms). */
  maxFrameGapMs: number;
  /** Frame intervals > 50 ms. */
  frameGapsOver50: number;
  frames: number;
  /** False when this browser does not report long tasks. */
  longTaskApi: boolean;
}

const nextFrame = () => new Promise<number>((r) => requestAnimationFrame(r));

export function startMainThreadMonitor(): { stop: () => Promise<MainThreadStats> } {
  const longTaskApi = typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes?.includes('longtask');
  const durations: number[] = [];
  const observer = longTaskApi ? new PerformanceObserver((list) => { for (const e of list.getEntries()) durations.push(e.duration); }) : null;
  observer?.observe({ type: 'longtask' });
  let running = true, frames = 0, maxGap = 0, gapsOver50 = 0, last = -1;
  const tick = (now: number) => {
    if (last >= 0) {
      const gap = now - last;
      frames++;
      if (gap > maxGap) maxGap = gap;
      if (gap > 50) gapsOver50++;
    }
    last = now;
    if (running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return {
    async stop() {
      // Let the frame after the result message and any pending long-task entries arrive.
      await nextFrame();
      await new Promise((r) => setTimeout(r, 50));
      running = false;
      if (observer) { for (const e of observer.takeRecords()) durations.push(e.duration); observer.disconnect(); }
      return { maxLongTaskMs: durations.length ? Math.max(...durations) : 0, longTasks: durations.length, maxFrameGapMs: maxGap, frameGapsOver50: gapsOver50, frames, longTaskApi: !!longTaskApi };
    }
  };
}

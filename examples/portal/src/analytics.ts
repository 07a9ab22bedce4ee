/**
 * The Portal's own (fake) product analytics. It may run only while `analytics` is granted: it
 * counts page views and feature use, keeps a session cookie and sends hits to the demo analytics
 * vendor, so a test can see it start on grant and stop on withdrawal.
 */
export interface PortalAnalytics {
  readonly running: boolean;
  readonly hits: number;
  /** Records a product event (sent only while running). */
  track(event: string): void;
  start(): void;
  /** Stops sending and deletes the session cookie. */
  stop(): void;
  onChange(fn: () => void): void;
}

const COOKIE = 'portal_analytics_session';

export function createPortalAnalytics(collectorOrigin: string): PortalAnalytics {
  let running = false;
  let hits = 0;
  const listeners: Array<() => void> = [];
  const notify = () => listeners.forEach((fn) => fn());

  const send = (event: string) => {
    hits++;
    const img = new Image(1, 1);
    img.src = `${collectorOrigin}/collect?v=1&src=portal&t=${encodeURIComponent(event)}&z=${Date.now()}`;
    notify();
  };

  return {
    get running() {
      return running;
    },
    get hits() {
      return hits;
    },
    track(event) {
      if (running) send(event);
    },
    start() {
      if (running) return;
      running = true;
      document.cookie = `${COOKIE}=${Math.random().toString(36).slice(2)}; path=/; max-age=1800; SameSite=Lax`;
      send('portal_session_start');
    },
    stop() {
      if (!running) return;
      running = false;
      document.cookie = `${COOKIE}=; path=/; max-age=0; SameSite=Lax`;
      notify();
    },
    onChange(fn) {
      listeners.push(fn);
    },
  };
}

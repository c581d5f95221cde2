//! Idle lock and activity reporting. Feed it activity; it calls `onIdle` after
//! `idleMs` without activity, and `onReport` at most once per `reportEveryMs`
//! while the user is active (leading edge).

export type IdleOptions = {
  idleMs: number;
  reportEveryMs?: number;
  onIdle: () => void;
  onReport: () => void;
};

export const REPORT_EVERY_MS = 30_000;

export class IdleWatch {
  private lastActivity: number;
  private lastReport = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private idleMs: number;
  private readonly reportEveryMs: number;

  constructor(private readonly options: IdleOptions) {
    this.idleMs = options.idleMs;
    this.reportEveryMs = options.reportEveryMs ?? REPORT_EVERY_MS;
    this.lastActivity = Date.now();
    this.arm(this.idleMs);
  }

  /** Call on every keyboard, mouse or touch event. Cheap. */
  activity(): void {
    if (this.stopped) return;
    const now = Date.now();
    this.lastActivity = now;
    if (now - this.lastReport >= this.reportEveryMs) {
      this.lastReport = now;
      this.options.onReport();
    }
  }

  /** Re-checks at once (e.g. after the computer wakes up). */
  check(): void {
    if (this.stopped) return;
    const idleFor = Date.now() - this.lastActivity;
    if (idleFor >= this.idleMs) {
      this.stop();
      this.options.onIdle();
    } else {
      this.arm(this.idleMs - idleFor);
    }
  }

  setIdleMs(idleMs: number): void {
    this.idleMs = idleMs;
    this.check();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(delay: number): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.check();
    }, delay);
  }
}

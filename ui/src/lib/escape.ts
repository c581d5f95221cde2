//! The hide/lock gesture: Escape pressed twice within a short window.

export const ESCAPE_WINDOW_MS = 1000;

export class DoubleEscape {
  private last: number | null = null;

  constructor(private readonly windowMs = ESCAPE_WINDOW_MS) {}

  /** Feed every keydown; returns true when this press completes the gesture. */
  press(key: string, now: number): boolean {
    if (key !== "Escape") {
      return false;
    }
    if (this.last !== null && now - this.last <= this.windowMs) {
      this.last = null;
      return true;
    }
    this.last = now;
    return false;
  }

  reset(): void {
    this.last = null;
  }
}

//! Autosave: every change schedules a save (debounced, with a maximum wait);
//! saves never overlap; `flush()` saves now and resolves when everything typed
//! so far is stored (or the save failed).
import { debounce, type Debounced } from "./debounce";

export type SaveState = "idle" | "saving" | "saved" | "error";

export type AutosaveOptions<T, R> = {
  /** The current local value, taken when a save starts. */
  snapshot: () => T;
  save: (value: T) => Promise<R>;
  /** Called with the server's answer and the value that was sent. */
  onSaved: (result: R, sent: T) => void;
  onStateChange: (state: SaveState, error: unknown) => void;
  delayMs?: number;
  maxWaitMs?: number;
};

export const SAVE_DELAY_MS = 400;
export const SAVE_MAX_WAIT_MS = 1000;

export class Autosave<T, R> {
  private dirty = false;
  private running: Promise<boolean> | null = null;
  private readonly trigger: Debounced<[]>;
  private current: SaveState = "idle";

  constructor(private readonly options: AutosaveOptions<T, R>) {
    this.trigger = debounce(() => void this.start(), options.delayMs ?? SAVE_DELAY_MS, {
      maxWaitMs: options.maxWaitMs ?? SAVE_MAX_WAIT_MS,
    });
  }

  get state(): SaveState {
    return this.current;
  }

  /** There are changes not yet confirmed by the backend. */
  get unsaved(): boolean {
    return this.dirty || this.running !== null;
  }

  /** Call after every local edit. */
  changed(): void {
    this.dirty = true;
    this.setState("saving", null);
    this.trigger();
  }

  /** Saves pending changes now; resolves true when all is saved, false on error. */
  async flush(): Promise<boolean> {
    this.trigger.cancel();
    if (!this.dirty && this.running === null) return this.current !== "error";
    let ok = await this.start();
    // A change typed while the last save was in flight.
    while (ok && this.dirty) {
      this.trigger.cancel();
      ok = await this.start();
    }
    return ok;
  }

  /** Stops scheduled saves (does not save). */
  dispose(): void {
    this.trigger.cancel();
  }

  private start(): Promise<boolean> {
    if (this.running === null) {
      this.running = this.loop().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private async loop(): Promise<boolean> {
    // If a new debounce is pending, let it start the next save when it fires.
    while (this.dirty && !this.trigger.pending()) {
      this.dirty = false;
      const value = this.options.snapshot();
      this.setState("saving", null);
      try {
        const result = await this.options.save(value);
        this.options.onSaved(result, value);
      } catch (error) {
        this.dirty = true;
        this.setState("error", error);
        return false;
      }
    }
    if (!this.dirty) this.setState("saved", null);
    return true;
  }

  private setState(state: SaveState, error: unknown): void {
    if (state === this.current && state !== "error") return;
    this.current = state;
    this.options.onStateChange(state, error);
  }
}

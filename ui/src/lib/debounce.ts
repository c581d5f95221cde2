//! Trailing-edge debounce with an optional maximum wait, plus flush and cancel.

export type Debounced<A extends unknown[]> = {
  (...args: A): void;
  /** Runs a pending call now; returns whether there was one. */
  flush(): boolean;
  /** Drops a pending call. */
  cancel(): void;
  pending(): boolean;
};

export type DebounceOptions = {
  /** Run at the latest this long after the first call of a burst (continuous typing). */
  maxWaitMs?: number;
};

export function debounce<A extends unknown[]>(
  fn: (...args: A) => void,
  waitMs: number,
  options: DebounceOptions = {},
): Debounced<A> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let burstStart: number | null = null;
  let lastArgs: A | null = null;

  const run = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    burstStart = null;
    const args = lastArgs;
    lastArgs = null;
    if (args !== null) fn(...args);
  };

  const debounced = ((...args: A) => {
    const now = Date.now();
    lastArgs = args;
    if (burstStart === null) burstStart = now;
    let delay = waitMs;
    if (options.maxWaitMs !== undefined) {
      delay = Math.max(0, Math.min(waitMs, burstStart + options.maxWaitMs - now));
    }
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(run, delay);
  }) as Debounced<A>;

  debounced.flush = () => {
    if (lastArgs === null) return false;
    run();
    return true;
  };
  debounced.cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    burstStart = null;
    lastArgs = null;
  };
  debounced.pending = () => lastArgs !== null;
  return debounced;
}

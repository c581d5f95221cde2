import { describe, expect, it, vi } from "vitest";
import { FormSubmit } from "./formSubmit.svelte";

const wrong = { code: "wrong_passphrase", message_key: "errors.wrong_passphrase", params: {} };

function submitEvent() {
  const preventDefault = vi.fn();
  return { event: { preventDefault } as unknown as SubmitEvent, preventDefault };
}

/** A run that waits until `finish` or `fail` is called, so the busy state can be looked at. */
function pending() {
  let finish!: () => void;
  let fail!: (reason: unknown) => void;
  const run = vi.fn(
    () =>
      new Promise<void>((resolve, reject) => {
        finish = resolve;
        fail = reject;
      }),
  );
  return { run, finish: () => finish(), fail: (reason: unknown) => fail(reason) };
}

describe("a form submission", () => {
  it("keeps the page, is busy while it runs and settles once done", async () => {
    const { run, finish } = pending();
    const settled = vi.fn();
    const form = new FormSubmit({ run, settled });
    const { event, preventDefault } = submitEvent();
    const done = form.submit(event);
    expect(preventDefault).toHaveBeenCalledOnce();
    expect(form.busy).toBe(true);
    expect(settled).not.toHaveBeenCalled();
    finish();
    await done;
    expect(form.busy).toBe(false);
    expect(form.error).toBeNull();
    expect(settled).toHaveBeenCalledOnce();
  });

  it("ignores a second press while the first runs", async () => {
    const { run, finish } = pending();
    const form = new FormSubmit({ run });
    const first = form.submit();
    const second = form.submit();
    expect(run).toHaveBeenCalledOnce();
    finish();
    await Promise.all([first, second]);
    expect(form.busy).toBe(false);
  });

  it("shows a rejection as an ApiError, tells the form, and still settles", async () => {
    const order: string[] = [];
    const form = new FormSubmit({
      run: async () => Promise.reject(wrong),
      failed: (error) => order.push(`failed ${error.code} busy=${form.busy}`),
      settled: () => order.push(`settled busy=${form.busy}`),
    });
    await form.submit();
    expect(form.error).toEqual(wrong);
    expect(form.busy).toBe(false);
    expect(order).toEqual(["failed wrong_passphrase busy=true", "settled busy=true"]);
  });

  it("hides a rejection that is not the backend's behind the generic error", async () => {
    const form = new FormSubmit({ run: async () => Promise.reject(new Error("secret alias")) });
    await form.submit();
    expect(form.error).toEqual({ code: "unexpected", message_key: "errors.unexpected", params: {} });
  });

  it("clears the previous error when a new submission starts", async () => {
    let attempt = 0;
    const { run: later, finish } = pending();
    const form = new FormSubmit({
      run: () => (attempt++ === 0 ? Promise.reject(wrong) : later()),
    });
    await form.submit();
    expect(form.error).toEqual(wrong);
    const second = form.submit();
    expect(form.error).toBeNull();
    finish();
    await second;
    expect(form.error).toBeNull();
    expect(form.busy).toBe(false);
  });
});

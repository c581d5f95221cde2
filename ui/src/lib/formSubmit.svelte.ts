//! The submit handling the passphrase and recovery forms share: one submission at a time, the
//! form busy while it runs, the previous error cleared when it starts and the rejection shown
//! as an ApiError when it fails. What the form sends, and which secrets it empties afterwards,
//! stays with the form.
import type { ApiError } from "./errors";
import { toApiError } from "./errors";

export type FormSubmitOptions = {
  /** What the form does with its fields; a rejection becomes `error`. */
  run: () => Promise<void>;
  /** After a rejection, once `error` is set (e.g. to empty the field and focus it again). */
  failed?: (error: ApiError) => void;
  /** After either outcome, before the form is usable again (e.g. to empty the secrets typed). */
  settled?: () => void;
};

export class FormSubmit {
  busy = $state(false);
  error = $state<ApiError | null>(null);

  readonly #options: FormSubmitOptions;

  constructor(options: FormSubmitOptions) {
    this.#options = options;
  }

  /** The form's `onsubmit`: the page is not reloaded, and a second press while busy does nothing. */
  submit = async (event?: SubmitEvent): Promise<void> => {
    event?.preventDefault();
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      await this.#options.run();
    } catch (e) {
      this.error = toApiError(e);
      this.#options.failed?.(this.error);
    } finally {
      this.#options.settled?.();
      this.busy = false;
    }
  };
}

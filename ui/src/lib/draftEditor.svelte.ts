//! The lifecycle both draft editors share (screening and referral): open the draft, or take
//! the one just created; autosave every edit; keep a save the backend refused because it had
//! locked itself until the next unlock; save what is left when the page hides or the editor
//! closes; and stop saving once the draft is gone (deleted or finalised).
import { Autosave, type SaveState } from "./autosave";
import type { ApiError } from "./errors";
import { toApiError } from "./errors";
import { keepUntilUnlock, savesSettled, trackSave } from "./state.svelte";

export type DraftEditorOptions<T, V> = {
  /** "screening" or "referral": a refused save replaces the one kept of its kind. */
  kind: string;
  /** The current draft, taken when a save starts. */
  snapshot: () => T;
  save: (draft: T) => Promise<V>;
  /** The backend's answer to a save, with the draft that was sent. */
  onSaved: (view: V, sent: T) => void;
  /** The view handed over when the draft was just created, if it is this one. */
  take: () => V | null;
  open: () => Promise<V>;
  /** A view of the draft to show: the one handed over, or the one opened. */
  accept: (view: V) => void;
  /** How a failed open is shown, where the editor has its own words for it. */
  openError?: (error: ApiError) => ApiError;
};

export class DraftEditor<T, V> {
  saveState = $state<SaveState>("idle");
  saveError = $state<ApiError | null>(null);
  loadError = $state<ApiError | null>(null);
  readonly autosave: Autosave<T, V>;
  private ended = false;

  constructor(private readonly options: DraftEditorOptions<T, V>) {
    this.autosave = new Autosave<T, V>({
      snapshot: options.snapshot,
      save: async (draft) => {
        try {
          return await options.save(draft);
        } catch (e) {
          const error = toApiError(e);
          if (error.code === "locked") keepUntilUnlock(options.kind, () => options.save(draft));
          throw error;
        }
      },
      onSaved: options.onSaved,
      onStateChange: (state, error) => {
        this.saveState = state;
        this.saveError = state === "error" ? toApiError(error) : null;
      },
    });
  }

  /** For the editor's onMount: shows the draft, and returns the cleanup that saves what is left. */
  mount(): () => void {
    const created = this.options.take();
    if (created) this.options.accept(created);
    else void this.open();
    const onPageHide = () => void this.autosave.flush();
    window.addEventListener("pagehide", onPageHide);
    return () => {
      window.removeEventListener("pagehide", onPageHide);
      if (!this.ended) trackSave(this.autosave.flush());
      this.autosave.dispose();
    };
  }

  /** After every edit of the form. */
  edited(): void {
    this.autosave.changed();
  }

  /** Saves now: resolves true when everything typed so far is stored. */
  flush(): Promise<boolean> {
    return this.autosave.flush();
  }

  retry(): void {
    void this.autosave.flush();
  }

  /** The draft is gone (deleted or finalised): nothing may save it again. */
  end(): void {
    this.ended = true;
    this.autosave.dispose();
  }

  private async open(): Promise<void> {
    try {
      // A save of this draft from an editor just closed lands first, so the open sees it.
      await savesSettled();
      this.options.accept(await this.options.open());
    } catch (e) {
      const error = toApiError(e);
      this.loadError = this.options.openError ? this.options.openError(error) : error;
    }
  }
}

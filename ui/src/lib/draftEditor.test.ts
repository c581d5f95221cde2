import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const kept: Array<{ kind: string; save: () => Promise<unknown> }> = [];
const tracked: Promise<unknown>[] = [];
vi.mock("./state.svelte", () => ({
  keepUntilUnlock: (kind: string, save: () => Promise<unknown>) => kept.push({ kind, save }),
  savesSettled: async () => undefined,
  trackSave: (save: Promise<unknown>) => tracked.push(save),
}));

const { DraftEditor } = await import("./draftEditor.svelte");

type Draft = { id: string; text: string };
type View = { draft: Draft };

function editorWith(save: (draft: Draft) => Promise<View>, created: View | null = null) {
  let draft: Draft = { id: "d1", text: "" };
  const opened = vi.fn(async (): Promise<View> => ({ draft: { id: "d1", text: "opened" } }));
  const accepted: View[] = [];
  const editor = new DraftEditor<Draft, View>({
    kind: "screening",
    snapshot: () => ({ ...draft }),
    save,
    onSaved: () => undefined,
    take: () => created,
    open: opened,
    accept: (view) => {
      accepted.push(view);
      draft = { ...view.draft };
    },
    openError: (error) => ({ ...error, message_key: "editor.not_found" }),
  });
  const type = (text: string) => {
    draft.text = text;
    editor.edited();
  };
  return { editor, opened, accepted, type };
}

describe("the draft editor's lifecycle", () => {
  beforeEach(() => {
    kept.length = 0;
    tracked.length = 0;
    vi.stubGlobal("window", new EventTarget());
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("shows the draft handed over at creation without opening it, and opens it otherwise", async () => {
    const created = { draft: { id: "d1", text: "new" } };
    const handed = editorWith(async (draft) => ({ draft }), created);
    handed.editor.mount()();
    expect(handed.accepted).toEqual([created]);
    expect(handed.opened).not.toHaveBeenCalled();

    const fetched = editorWith(async (draft) => ({ draft }));
    fetched.editor.mount();
    await vi.waitFor(() => expect(fetched.accepted).toHaveLength(1));
    expect(fetched.accepted[0].draft.text).toBe("opened");
  });

  it("shows a failed open in the editor's own words", async () => {
    const { editor, opened } = editorWith(async (draft) => ({ draft }));
    opened.mockRejectedValueOnce({ code: "not_found", message_key: "errors.not_found", params: {} });
    editor.mount();
    await vi.waitFor(() => expect(editor.loadError?.message_key).toBe("editor.not_found"));
  });

  it("keeps a save refused while locked, to repeat after unlock with what was typed", async () => {
    const save = vi.fn(async (draft: Draft): Promise<View> => {
      if (save.mock.calls.length === 1) throw { code: "locked", message_key: "errors.locked", params: {} };
      return { draft };
    });
    const { editor, type } = editorWith(save, { draft: { id: "d1", text: "" } });
    editor.mount();
    type("typed before the lock");
    expect(await editor.flush()).toBe(false);
    expect(editor.saveState).toBe("error");
    expect(editor.saveError?.code).toBe("locked");
    expect(kept.map((k) => k.kind)).toEqual(["screening"]);
    await kept[0].save();
    expect(save).toHaveBeenLastCalledWith({ id: "d1", text: "typed before the lock" });
  });

  it("saves what is left when the editor closes, but nothing once the draft is gone", async () => {
    const save = vi.fn(async (draft: Draft): Promise<View> => ({ draft }));
    const open = editorWith(save, { draft: { id: "d1", text: "" } });
    const close = open.editor.mount();
    open.type("last words");
    close();
    expect(tracked).toHaveLength(1);
    await tracked[0];
    expect(save).toHaveBeenCalledWith({ id: "d1", text: "last words" });

    save.mockClear();
    const gone = editorWith(save, { draft: { id: "d1", text: "" } });
    const closeGone = gone.editor.mount();
    gone.type("after delete");
    gone.editor.end();
    closeGone();
    expect(tracked).toHaveLength(1);
    expect(save).not.toHaveBeenCalled();
  });

  it("saves when the page hides", async () => {
    const save = vi.fn(async (draft: Draft): Promise<View> => ({ draft }));
    const { editor, type } = editorWith(save, { draft: { id: "d1", text: "" } });
    editor.mount();
    type("hidden");
    window.dispatchEvent(new Event("pagehide"));
    await vi.waitFor(() => expect(save).toHaveBeenCalledWith({ id: "d1", text: "hidden" }));
  });
});

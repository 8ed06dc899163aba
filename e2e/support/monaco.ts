/**
 * Driving Monaco the way a person does: click into the editor, select all, paste. The paste is
 * a real `paste` event carrying the text (what Ctrl+V delivers, without needing the system
 * clipboard in a headless browser). Typing would not do: Monaco auto-indents every typed line
 * and auto-closes brackets, so the text would not arrive as written.
 *
 * Editors are the UI's `editor-frame` elements (`data-testid` per use, `data-ready="true"` once
 * Monaco is mounted). Markers are read from what Monaco draws (`.squiggly-error`), so a spec
 * proves the user sees them.
 */
import { expect, type Locator } from "@playwright/test";

/** Monaco's bundle is large: its first load in a fresh browser context can take a while on a busy machine. */
export const EDITOR_LOAD_TIMEOUT_MS = 45_000;

export async function waitForEditor(editor: Locator): Promise<void> {
  await expect(editor).toHaveAttribute("data-ready", "true", { timeout: EDITOR_LOAD_TIMEOUT_MS });
  await expect(editor.locator(".view-lines").first()).toBeVisible();
}

/** Replaces everything in `editor` (a code editor, or the editable side of a diff editor) with `text`. */
export async function replaceEditorText(editor: Locator, text: string, side: "only" | "modified" = "only"): Promise<void> {
  await waitForEditor(editor);
  const page = editor.page();
  await editor.locator(side === "modified" ? ".editor.modified .view-lines" : ".view-lines").first().click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.evaluate((pasted) => {
    const target = document.activeElement;
    if (!target) throw new Error("nothing has the focus to paste into");
    const data = new DataTransfer();
    data.setData("text/plain", pasted);
    target.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** The red squiggles Monaco draws for error markers. */
export function errorSquiggles(editor: Locator): Locator {
  return editor.locator(".squiggly-error");
}

/**
 * The text of the modified side of a diff editor, as rendered. In the inline view (narrow
 * places, e.g. a dialog) deleted lines are drawn inside the modified editor too, as
 * `.line-delete` zones: those are not part of the modified text.
 */
export function modifiedSide(diffEditor: Locator): Locator {
  return diffEditor.locator(".editor.modified .view-lines:not(.line-delete)");
}

export function originalSide(diffEditor: Locator): Locator {
  return diffEditor.locator(".editor.original .view-lines");
}

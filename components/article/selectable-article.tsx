"use client";

import { useRef, useState, type ReactNode } from "react";
import type { FormAction } from "@/lib/validation/action-state";
import { ActionForm } from "../action-form";
import { FieldError, invalidProps, keptValue } from "../form-message";

/** Code-point offset of (node, offset) from the start of `container`'s text. */
function codePointOffset(container: Node, node: Node, offset: number): number {
  const range = document.createRange();
  range.selectNodeContents(container);
  range.setEnd(node, offset);
  return Array.from(range.toString()).length;
}

/**
 * Wraps the article text: selecting a passage offers to create a claim anchored to exactly that span
 * (code-point offsets into the snapshot, checked again on the server). `baseOffset` is where the
 * shown text starts in the whole snapshot, in code points (a long article is shown in parts).
 */
export function SelectableArticle({
  articleId,
  action,
  baseOffset = 0,
  children,
}: {
  articleId: string;
  action: FormAction;
  baseOffset?: number;
  children: ReactNode;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [selection, setSelection] = useState<{ start: number; end: number; quote: string } | null>(null);

  function readSelection() {
    const root = container.current;
    const sel = window.getSelection();
    if (!root || !sel || sel.rangeCount === 0 || sel.isCollapsed) return;
    const range = sel.getRangeAt(0);
    if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return;
    const start = baseOffset + codePointOffset(root, range.startContainer, range.startOffset);
    const end = baseOffset + codePointOffset(root, range.endContainer, range.endOffset);
    const quote = range.toString();
    if (end > start && quote.trim()) setSelection({ start, end, quote });
  }

  return (
    <div>
      <div ref={container} onMouseUp={readSelection} onKeyUp={readSelection} data-testid="selectable-article">
        {children}
      </div>
      {selection && (
        <div className="panel selection-panel" data-testid="selection-panel">
          <h3>Create a claim from the selection</h3>
          <blockquote data-testid="selection-quote">{selection.quote}</blockquote>
          <ActionForm
            action={action}
            hidden={{ articleId, start: selection.start, end: selection.end, quote: selection.quote }}
            submitLabel="Create claim"
            testId="create-claim-form"
          >
            {(state) => (
              <>
                <label>
                  Claim wording (optional; defaults to the selected text)
                  <textarea name="text" rows={2} defaultValue={keptValue(state, "text")} {...invalidProps(state, "text")} />
                </label>
                <FieldError state={state} name="text" />
                <FieldError state={state} name="start" />
              </>
            )}
          </ActionForm>
          <button type="button" className="secondary" onClick={() => setSelection(null)}>
            Cancel
          </button>
        </div>
      )}
    </div>
  );
}

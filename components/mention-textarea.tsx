"use client";

import { useId, useRef, useState, type KeyboardEvent } from "react";
import { activeMentionQuery, insertMention, suggestMentions, type MentionCandidate } from "@/lib/domain/mentions";

/**
 * A textarea that offers @mention completion: typing "@" and the start of a name or email lists the
 * matching people; arrow keys or the mouse pick one, Enter or Tab inserts "@Full Name". The field stays
 * uncontrolled, so the surrounding form's reset and kept-input behaviour work as for any field.
 */
export function MentionTextarea({
  name,
  label,
  defaultValue,
  candidates,
  invalid,
}: {
  name: string;
  label: string;
  defaultValue: string;
  candidates: readonly MentionCandidate[];
  invalid?: { "aria-invalid"?: true; "aria-describedby"?: string };
}) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const [open, setOpen] = useState<{ start: number; caret: number; items: MentionCandidate[] } | null>(null);
  const [active, setActive] = useState(0);

  function refresh() {
    const el = ref.current;
    if (!el) return;
    const caret = el.selectionStart ?? el.value.length;
    const query = activeMentionQuery(el.value, caret);
    const items = query ? suggestMentions(candidates, query.query) : [];
    setOpen(query && items.length > 0 ? { start: query.start, caret, items } : null);
    setActive(0);
  }

  function choose(candidate: MentionCandidate) {
    const el = ref.current;
    if (!el || !open) return;
    const next = insertMention(el.value, open.start, open.caret, candidate);
    el.value = next.text;
    el.focus();
    el.setSelectionRange(next.caret, next.caret);
    setOpen(null);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (!open) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (i + step + open.items.length) % open.items.length);
    } else if (event.key === "Enter" || event.key === "Tab") {
      event.preventDefault();
      choose(open.items[active]!);
    } else if (event.key === "Escape") {
      setOpen(null);
    }
  }

  return (
    <div className="mention-box">
      <label>
        {label}
        <textarea
          ref={ref}
          name={name}
          rows={3}
          defaultValue={defaultValue}
          onInput={refresh}
          onClick={refresh}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(null)}
          aria-autocomplete="list"
          aria-controls={open ? listId : undefined}
          aria-activedescendant={open ? `${listId}-${active}` : undefined}
          {...invalid}
        />
      </label>
      {open && (
        <ul id={listId} role="listbox" className="mention-list" data-testid="mention-suggestions" aria-label="People to mention">
          {open.items.map((c, i) => (
            <li
              key={c.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(event) => {
                event.preventDefault();
                choose(c);
              }}
            >
              {c.name} <span className="muted">{c.email}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

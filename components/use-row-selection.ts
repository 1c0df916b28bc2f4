"use client";

import { useEffect, useMemo, useRef, useState } from "react";

/**
 * Ticked rows of a list with checkboxes and a "select all" box: the ids ticked, and the ways to change them.
 * `selected` only ever holds ids of rows listed now (`ids`): a row that left the list (accepted, rejected,
 * filtered out) is never carried into the next bulk action. When `resetOn` changes (pass the form's action
 * state), the selection is cleared, so every answer from the server starts a fresh selection.
 */
export function useRowSelection(ids: readonly string[], resetOn?: unknown) {
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const listed = useMemo(() => new Set(ids), [ids.join(",")]); // eslint-disable-line react-hooks/exhaustive-deps
  const selected = useMemo<ReadonlySet<string>>(() => new Set([...ticked].filter((id) => listed.has(id))), [ticked, listed]);
  const allSelected = ids.length > 0 && ids.every((id) => selected.has(id));
  const toggle = (id: string) =>
    setTicked(() => {
      const next = new Set(selected);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const toggleAll = () => setTicked(allSelected ? new Set() : new Set(ids));
  const clear = () => setTicked(new Set());
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    setTicked(new Set());
  }, [resetOn]);
  return { selected, allSelected, toggle, toggleAll, clear };
}

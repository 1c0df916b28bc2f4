"use client";

import { useState } from "react";

/** Ticked rows of a list with checkboxes and a "select all" box: the ids ticked, and the ways to change them. */
export function useRowSelection(ids: readonly string[]) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const allSelected = ids.length > 0 && ids.every((id) => selected.has(id));
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const toggleAll = () => setSelected(allSelected ? new Set() : new Set(ids));
  const clear = () => setSelected(new Set());
  return { selected, allSelected, toggle, toggleAll, clear };
}

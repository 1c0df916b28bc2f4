"use client";

import { useEffect } from "react";

/** Brings the highlighted claim into view inside its article. */
export function ScrollToFocus({ targetId }: { targetId: string }) {
  useEffect(() => {
    document.getElementById(targetId)?.scrollIntoView({ block: "center" });
  }, [targetId]);
  return null;
}

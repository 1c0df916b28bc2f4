"use client";

import { useEffect, useState } from "react";
import type { ActionState } from "@/lib/validation/action-state";

/** 128 random bits as hex; crypto.getRandomValues works on plain-http pages too (randomUUID does not). */
function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The form's hidden idempotency key (lib/server/idempotency.ts): the same key is sent again when the
 * same input is resubmitted after an error or a lost answer, so the server saves it once; a new key is
 * drawn after each success, so the next entry is a new step. Drawn after hydration (server and client
 * render the same empty value).
 */
export function IdempotencyKeyField({ state }: { state: ActionState }) {
  const [key, setKey] = useState("");
  const succeeded = state.status === "ok" ? state : null;
  useEffect(() => {
    setKey(newKey());
  }, [succeeded]);
  return <input type="hidden" name="idempotencyKey" value={key} />;
}

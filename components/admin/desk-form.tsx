"use client";

import type { FormAction } from "@/lib/validation/action-state";
import { ActionForm } from "../action-form";
import { FieldError, invalidProps, keptValue } from "../form-message";

/** The desk's name and web address, as reports name their author. */
export function DeskForm({ action, desk }: { action: FormAction; desk: { name: string; url: string; version: number } }) {
  return (
    <ActionForm action={action} hidden={{ expectedVersion: desk.version }} submitLabel="Save desk settings" testId="desk-form">
      {(state) => (
        <>
          <label>
            Desk name
            <input name="name" defaultValue={keptValue(state, "name", desk.name)} maxLength={120} {...invalidProps(state, "name")} />
          </label>
          <FieldError state={state} name="name" />
          <label>
            Desk web address
            <input name="url" type="url" placeholder="https://factcheck.example.org/" defaultValue={keptValue(state, "url", desk.url)} {...invalidProps(state, "url")} />
          </label>
          <FieldError state={state} name="url" />
        </>
      )}
    </ActionForm>
  );
}

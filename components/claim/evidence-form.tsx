"use client";

import { EVIDENCE_STANCES, STANCE_LABELS } from "@/lib/domain/verdict-scale";
import type { FormAction } from "@/lib/validation/action-state";
import { ActionForm } from "../action-form";
import { FieldError, invalidProps, keptValue } from "../form-message";

export function EvidenceForm({ action, claimId }: { action: FormAction; claimId: string }) {
  return (
    <ActionForm action={action} hidden={{ claimId }} submitLabel="Add evidence" testId="evidence-form">
      {(state) => (
        <>
          <label>
            URL (or attach a file below)
            <input name="url" type="url" defaultValue={keptValue(state, "url")} placeholder="https://…" {...invalidProps(state, "url")} />
          </label>
          <FieldError state={state} name="url" />
          <label>
            File (PDF, image or document with no web address, up to 2 MB here)
            <input name="file" type="file" />
          </label>
          <FieldError state={state} name="file" />
          <label>
            Title
            <input name="title" defaultValue={keptValue(state, "title")} {...invalidProps(state, "title")} />
          </label>
          <FieldError state={state} name="title" />
          <label>
            Publisher
            <input name="publisher" defaultValue={keptValue(state, "publisher")} {...invalidProps(state, "publisher")} />
          </label>
          <FieldError state={state} name="publisher" />
          <label>
            Quoted passage
            <textarea name="quote" defaultValue={keptValue(state, "quote")} {...invalidProps(state, "quote")} />
          </label>
          <FieldError state={state} name="quote" />
          <label>
            Stance
            <select key={keptValue(state, "stance")} name="stance" defaultValue={keptValue(state, "stance")} {...invalidProps(state, "stance")}>
              <option value="">Choose…</option>
              {EVIDENCE_STANCES.map((s) => (
                <option key={s} value={s}>
                  {STANCE_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
          <FieldError state={state} name="stance" />
        </>
      )}
    </ActionForm>
  );
}

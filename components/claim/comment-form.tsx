"use client";

import type { MentionCandidate } from "@/lib/domain/mentions";
import type { FormAction } from "@/lib/validation/action-state";
import { ActionForm } from "../action-form";
import { FieldError, invalidProps, keptValue } from "../form-message";
import { MentionTextarea } from "../mention-textarea";

/** Adds a comment (Markdown) with @mention completion for the people who can read it. */
export function CommentForm({ action, claimId, candidates }: { action: FormAction; claimId: string; candidates: MentionCandidate[] }) {
  return (
    <ActionForm action={action} hidden={{ claimId }} submitLabel="Add comment" testId="comment-form">
      {(state) => (
        <>
          <MentionTextarea
            name="body"
            label="Comment (Markdown; @ to mention someone)"
            defaultValue={keptValue(state, "body")}
            candidates={candidates}
            invalid={invalidProps(state, "body")}
          />
          <FieldError state={state} name="body" />
        </>
      )}
    </ActionForm>
  );
}

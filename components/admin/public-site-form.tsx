"use client";

import type { FormAction } from "@/lib/validation/action-state";
import { ActionForm } from "../action-form";
import { FieldError, invalidProps, keptValue } from "../form-message";

/** The public fact-check site's settings: its base URL, reviewer names shown or not, the corrections policy. */
export function PublicSiteForm({
  action,
  settings,
}: {
  action: FormAction;
  settings: { baseUrl: string; showReviewerNames: boolean; correctionsPolicy: string; version: number };
}) {
  return (
    <ActionForm action={action} hidden={{ expectedVersion: settings.version }} submitLabel="Save public site settings" testId="public-site-form">
      {(state) => (
        <>
          <label>
            Public base URL
            <input
              name="baseUrl"
              type="url"
              placeholder="https://factcheck.example.org"
              defaultValue={keptValue(state, "baseUrl", settings.baseUrl)}
              {...invalidProps(state, "baseUrl")}
            />
          </label>
          <FieldError state={state} name="baseUrl" />
          <label className="checkbox">
            <input type="checkbox" name="showReviewerNames" value="on" defaultChecked={settings.showReviewerNames} /> Show reviewers&apos; and
            approvers&apos; names on public fact-checks
          </label>
          <label>
            Corrections policy (Markdown, public at /fact-checks/corrections-policy)
            <textarea
              name="correctionsPolicy"
              rows={8}
              defaultValue={keptValue(state, "correctionsPolicy", settings.correctionsPolicy)}
              {...invalidProps(state, "correctionsPolicy")}
            />
          </label>
          <FieldError state={state} name="correctionsPolicy" />
        </>
      )}
    </ActionForm>
  );
}

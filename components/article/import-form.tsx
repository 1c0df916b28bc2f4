"use client";

import { useActionState, useState, useTransition } from "react";
import { IDLE_STATE, type ActionState, type FormAction } from "@/lib/validation/action-state";
import { articleTextSizeError, MAX_ARTICLE_BYTES } from "@/lib/validation/article-size";
import { formValues } from "@/lib/validation/form-size";
import { FieldError, FormMessage, invalidProps } from "../form-message";
import { guardFormSize } from "../form-size-guard";
import { IdempotencyKeyField } from "../idempotency-key-field";

type Preview = { title: string; outlet: string; author: string; url: string; publishedAt: string; text: string };
type PreviewResult = { ok: true; preview: Preview } | { ok: false; message: string };

const EMPTY: Preview = { title: "", outlet: "", author: "", url: "", publishedAt: "", text: "" };

/**
 * The import, checked in the browser first: a text over the 2 MB limit gets the server's own message at
 * the field without being sent (most such texts would not even fit the request the server accepts),
 * then any form too large to send is refused by guardFormSize.
 */
function checkedImport(importAction: FormAction): FormAction {
  const guarded = guardFormSize(importAction);
  return async (previous: ActionState, form: FormData) => {
    const text = form.get("text");
    const tooLarge = typeof text === "string" ? articleTextSizeError(text) : null;
    if (!tooLarge) return guarded(previous, form);
    return { status: "error", code: "VALIDATION", message: tooLarge, fieldErrors: { text: [tooLarge] }, values: formValues(form) };
  };
}

/** The same 2 MB as the server's upload limit (MAX_FETCH_BYTES), checked before a file is sent. */
const MAX_UPLOAD_BYTES = MAX_ARTICLE_BYTES;

/**
 * Import by pasting text, uploading a .txt/.md/.html file, or fetching a URL. Files and URLs are read
 * on the server first; the text and the metadata found fill the form, where everything stays editable.
 */
export function ImportForm({
  importAction,
  previewUrlAction,
  previewFileAction,
}: {
  importAction: FormAction;
  previewUrlAction: (formData: FormData) => Promise<PreviewResult>;
  previewFileAction: (formData: FormData) => Promise<PreviewResult>;
}) {
  const [source, setSource] = useState<"paste" | "file" | "url">("paste");
  const [fields, setFields] = useState<Preview>(EMPTY);
  const [previewMessage, setPreviewMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [loading, startLoading] = useTransition();
  const [state, formAction, pending] = useActionState(checkedImport(importAction), IDLE_STATE);
  const set = (name: keyof Preview) => (e: { target: { value: string } }) => setFields((f) => ({ ...f, [name]: e.target.value }));

  function loadPreview(run: () => Promise<PreviewResult>) {
    setPreviewMessage(null);
    startLoading(async () => {
      let result: PreviewResult;
      try {
        result = await run();
      } catch {
        // A preview saves nothing: a failed request (connection lost, the server refusing the body) is only a message.
        result = { ok: false, message: "The server did not answer, so nothing was read. Check the connection and try again." };
      }
      if (result.ok) {
        setFields(result.preview);
        setPreviewMessage({ ok: true, text: "Text and details loaded below: check them, then import." });
      } else {
        setPreviewMessage({ ok: false, text: result.message });
      }
    });
  }

  return (
    <div className="stack" style={{ display: "grid", gap: "1rem" }}>
      <div className="row" role="tablist" aria-label="Source">
        {(["paste", "file", "url"] as const).map((s) => (
          <button key={s} type="button" role="tab" aria-selected={source === s} className={source === s ? "" : "secondary"} onClick={() => setSource(s)}>
            {s === "paste" ? "Paste text" : s === "file" ? "Upload file" : "From URL"}
          </button>
        ))}
      </div>
      {source === "file" && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            const data = new FormData(e.currentTarget);
            const file = data.get("file");
            if (file instanceof File && file.size > MAX_UPLOAD_BYTES) {
              setPreviewMessage({ ok: false, text: "The file is larger than 2 MB." });
              return;
            }
            loadPreview(() => previewFileAction(data));
          }}
        >
          <label>
            File (.txt, .md or .html, up to 2 MB)
            <input name="file" type="file" accept=".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html" />
          </label>
          <button type="submit" className="secondary" disabled={loading}>
            {loading ? "Reading…" : "Read file"}
          </button>
        </form>
      )}
      {source === "url" && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            const data = new FormData(e.currentTarget);
            loadPreview(() => previewUrlAction(data));
          }}
        >
          <label style={{ flex: 1 }}>
            Article URL
            <input name="sourceUrl" type="url" placeholder="https://…" />
          </label>
          <button type="submit" className="secondary" disabled={loading}>
            {loading ? "Fetching…" : "Fetch"}
          </button>
        </form>
      )}
      {previewMessage && (
        <p className={`form-message ${previewMessage.ok ? "ok" : "error"}`} data-testid={previewMessage.ok ? "preview-ok" : "preview-error"}>
          {previewMessage.text}
        </p>
      )}
      <form action={formAction} className="stack" data-testid="import-form" noValidate>
        <IdempotencyKeyField state={state} />
        <div className="row">
          <label style={{ flex: 2 }}>
            Title
            <input name="title" value={fields.title} onChange={set("title")} {...invalidProps(state, "title")} />
          </label>
          <label style={{ flex: 1 }}>
            Outlet
            <input name="outlet" value={fields.outlet} onChange={set("outlet")} {...invalidProps(state, "outlet")} />
          </label>
        </div>
        <FieldError state={state} name="title" />
        <FieldError state={state} name="outlet" />
        <div className="row">
          <label style={{ flex: 1 }}>
            Author
            <input name="author" value={fields.author} onChange={set("author")} />
          </label>
          <label style={{ flex: 2 }}>
            Original URL
            <input name="url" type="url" value={fields.url} onChange={set("url")} {...invalidProps(state, "url")} />
          </label>
          <label>
            Published
            <input name="publishedAt" type="date" value={fields.publishedAt} onChange={set("publishedAt")} {...invalidProps(state, "publishedAt")} />
          </label>
        </div>
        <FieldError state={state} name="url" />
        <FieldError state={state} name="publishedAt" />
        <label>
          Article text
          <textarea name="text" rows={16} value={fields.text} onChange={set("text")} {...invalidProps(state, "text")} />
        </label>
        <FieldError state={state} name="text" />
        <FormMessage state={state} />
        <div>
          <button type="submit" disabled={pending}>
            {pending ? "Importing…" : "Import article"}
          </button>
        </div>
      </form>
    </div>
  );
}

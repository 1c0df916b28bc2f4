"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

/**
 * "Attach a file" on a piece of evidence: sends the chosen file's bytes (not a multipart form) to
 * /claims/{claimId}/evidence/{evidenceId}/file with the evidence version seen, then refreshes the
 * page. The server judges the type from the content and answers a refusal in the API's error shape,
 * shown here as it is.
 */
export function EvidenceFileUpload({ claimId, evidenceId, version, maxBytes }: { claimId: string; evidenceId: string; version: number; maxBytes: number }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ kind: "error" | "ok"; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = event.currentTarget.elements.namedItem("file") as HTMLInputElement | null;
    const file = input?.files?.[0];
    if (!file) {
      setMessage({ kind: "error", text: "Choose a file first." });
      return;
    }
    if (file.size > maxBytes) {
      setMessage({ kind: "error", text: `The file is larger than the ${Math.round(maxBytes / (1024 * 1024))} MB an evidence file may be; nothing was saved.` });
      return;
    }
    setPending(true);
    setMessage(null);
    try {
      const query = new URLSearchParams({ version: String(version), filename: file.name });
      const response = await fetch(`/claims/${encodeURIComponent(claimId)}/evidence/${encodeURIComponent(evidenceId)}/file?${query}`, {
        method: "POST",
        body: file,
        headers: { "Content-Type": "application/octet-stream" },
      });
      const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
      if (!response.ok) {
        setMessage({ kind: "error", text: body?.error?.message ?? `The upload failed (HTTP ${response.status}); nothing was saved.` });
        return;
      }
      setMessage({ kind: "ok", text: "File attached." });
      router.refresh();
    } catch {
      setMessage({ kind: "error", text: "The upload did not reach the server; nothing was saved. Try again." });
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="row" onSubmit={submit} data-testid="evidence-file-form">
      <label>
        Attach a file (PDF, image or document)
        <input name="file" type="file" disabled={pending} />
      </label>
      <button type="submit" disabled={pending}>
        {pending ? "Uploading…" : "Attach file"}
      </button>
      {message && (
        <span role={message.kind === "error" ? "alert" : "status"} className={message.kind === "error" ? "error" : "muted"} data-testid="evidence-file-message">
          {message.text}
        </span>
      )}
    </form>
  );
}

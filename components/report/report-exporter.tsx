"use client";

import { useRef, useState, type FormEvent } from "react";
import { REPORT_FORMAT_INFO, REPORT_FORMATS, type ReportFormat } from "@/lib/domain/report/format-info";
import { createRowCounter, filenameFromDisposition } from "@/lib/domain/report/progress";
import { FilterSelect } from "../filter-select";

type Progress =
  | { phase: "idle" }
  | { phase: "running"; rows: number | null; bytes: number }
  | { phase: "done"; rows: number | null; bytes: number; seconds: number; filename: string }
  | { phase: "error"; message: string };

export interface ExporterOptions {
  endpoint: string;
  printPath: string;
  editor: boolean;
  articles: { id: string; title: string }[];
  statuses: { value: string; label: string }[];
  people: { id: string; name: string }[];
  initial: Record<string, string>;
  /** Claim-list filters this form has no field for, carried along unchanged. */
  extra: Record<string, string>;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function describeRows(rows: number | null): string {
  return rows === null ? "" : `${rows.toLocaleString("en-US")} ${rows === 1 ? "claim" : "claims"} · `;
}

function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The export form: scope and format, then a download read through fetch's stream reader so the page
 * shows claims and bytes received as they arrive; the page stays usable and the download can be cancelled.
 */
export function ReportExporter({ options }: { options: ExporterOptions }) {
  const { initial } = options;
  const formRef = useRef<HTMLFormElement>(null);
  const abortRef = useRef<AbortController | null>(null);
  const [progress, setProgress] = useState<Progress>({ phase: "idle" });

  function scopeParams(withFormat: boolean): URLSearchParams {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(formRef.current!).entries()) {
      if (typeof value !== "string" || value === "") continue;
      if (key === "format" && !withFormat) continue;
      params.append(key, value);
    }
    return params;
  }

  async function download(event: FormEvent) {
    event.preventDefault();
    const params = scopeParams(true);
    const format = (params.get("format") ?? "csv") as ReportFormat;
    const controller = new AbortController();
    abortRef.current = controller;
    const started = performance.now();
    setProgress({ phase: "running", rows: format === "pdf" ? null : 0, bytes: 0 });
    try {
      const response = await fetch(`${options.endpoint}?${params.toString()}`, { signal: controller.signal, credentials: "same-origin" });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        setProgress({ phase: "error", message: body?.error?.message ?? `The export failed (HTTP ${response.status}).` });
        return;
      }
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      const counter = createRowCounter(format);
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let bytes = 0;
      let shown = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value as Uint8Array<ArrayBuffer>);
        bytes += value.byteLength;
        if (format !== "pdf") counter.push(decoder.decode(value, { stream: true }));
        const now = performance.now();
        if (now - shown > 100) {
          shown = now;
          setProgress({ phase: "running", rows: counter.rows, bytes });
        }
      }
      const filename = filenameFromDisposition(response.headers.get("Content-Disposition"), `claimledger-report.${REPORT_FORMAT_INFO[format].extension}`);
      saveBlob(new Blob(chunks, { type: response.headers.get("Content-Type") ?? "application/octet-stream" }), filename);
      setProgress({ phase: "done", rows: counter.rows, bytes, seconds: (performance.now() - started) / 1000, filename });
    } catch (error) {
      const aborted = error instanceof DOMException && error.name === "AbortError";
      setProgress({ phase: "error", message: aborted ? "Export cancelled." : "The connection was lost during the export. Please try again." });
    } finally {
      abortRef.current = null;
    }
  }

  function openPrintable() {
    window.location.assign(`${options.printPath}?${scopeParams(false).toString()}`);
  }

  const running = progress.phase === "running";
  return (
    <form ref={formRef} className="stack panel" onSubmit={download} aria-label="Export a report" data-testid="export-form">
      {Object.entries(options.extra).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="row">
        <label>
          Format
          <select name="format" defaultValue={initial.format ?? "csv"}>
            {REPORT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {REPORT_FORMAT_INFO[f].label}
              </option>
            ))}
          </select>
        </label>
        <FilterSelect label="Article" name="articleId" value={initial.articleId} anyLabel="Any article" options={options.articles.map((a) => ({ value: a.id, label: a.title }))} />
        <FilterSelect label="Claim status" name="status" value={initial.status} options={options.statuses} />
        {options.editor && (
          <FilterSelect
            label="Assignee"
            name="assigneeId"
            value={initial.assigneeId}
            anyLabel="Anyone"
            options={[{ value: "none", label: "Unassigned" }, ...options.people.map((p) => ({ value: p.id, label: p.name }))]}
          />
        )}
      </div>
      <div className="row">
        <label>
          Verdicts from
          <input type="date" name="from" defaultValue={initial.from ?? ""} />
        </label>
        <label>
          to
          <input type="date" name="to" defaultValue={initial.to ?? ""} />
        </label>
      </div>
      {options.editor && (
        <label className="row" style={{ alignItems: "center", fontWeight: 500 }}>
          <input type="checkbox" name="includeWip" value="1" defaultChecked={initial.includeWip === "1"} style={{ width: "auto" }} />
          Include work in progress (claims without an approved verdict, marked in the report)
        </label>
      )}
      <p className="muted">By default a report holds approved and published verdicts only.</p>
      <div className="row">
        <button type="submit" disabled={running}>
          {running ? "Exporting…" : "Download"}
        </button>
        {running && (
          <button type="button" className="secondary" onClick={() => abortRef.current?.abort()}>
            Cancel
          </button>
        )}
        <button type="button" className="secondary" onClick={openPrintable}>
          Open printable report
        </button>
      </div>
      <div className="export-progress" data-testid="export-progress" aria-live="polite">
        {running && (
          <>
            <progress aria-label="Export progress" />
            <span data-testid="export-status">
              {describeRows(progress.rows)}
              {formatBytes(progress.bytes)} received…
            </span>
          </>
        )}
        {progress.phase === "done" && (
          <>
            <progress aria-label="Export progress" value={1} max={1} />
            <span className="form-message ok" data-testid="export-done">
              Done: {describeRows(progress.rows)}
              {formatBytes(progress.bytes)} in {progress.seconds.toFixed(1)} s, saved as {progress.filename}
            </span>
          </>
        )}
        {progress.phase === "error" && (
          <p className="form-message error" data-testid="export-error">
            {progress.message}
          </p>
        )}
      </div>
    </form>
  );
}

import { acceptedFileType, formatByteSize } from "@/lib/domain/evidence-file";
import { STANCE_LABELS, type EvidenceStance } from "@/lib/domain/verdict-scale";
import type { FormAction } from "@/lib/validation/action-state";
import { ActionForm } from "../action-form";
import { formatDateTime } from "../status-badge";
import { EvidenceFileUpload } from "./evidence-file-upload";

export interface EvidenceView {
  id: string;
  /** "" (or null) for a file with no web address: the title is shown without a link. */
  url: string | null;
  title: string;
  publisher: string;
  quote: string;
  stance: string;
  version: number;
  createdAt: Date;
  addedBy: { name: string };
  /** Archive of the source (issue 16): ARCHIVED | FAILED | CHANGED | GONE, or null when never tried. */
  archiveStatus?: string | null;
  archiveError?: string | null;
  fetchedAt?: Date | null;
  snapshotSha256?: string | null;
  recheckedAt?: Date | null;
  /** A file attached as evidence: SHA-256, size in bytes, detected MIME type, sanitised name. */
  fileSha256?: string | null;
  fileSize?: number | null;
  fileType?: string | null;
  fileName?: string | null;
}

/** The attached file: its name (a download), type, size and SHA-256. */
function FileLine({ e, claimId }: { e: EvidenceView; claimId: string }) {
  if (!e.fileSha256) return null;
  const label = acceptedFileType(e.fileType ?? undefined)?.label ?? e.fileType;
  return (
    <div className="archive-line muted" data-testid="evidence-file">
      File: <a href={`/claims/${claimId}/evidence/${e.id}/file`} download>{e.fileName}</a> ({label}, {formatByteSize(e.fileSize ?? 0)}) · SHA-256{" "}
      <code title={e.fileSha256}>{e.fileSha256.slice(0, 16)}…</code>
    </div>
  );
}

/** "archived <date>" with links to the archived text and WARC, a recheck's finding, or a failure and Retry. */
function ArchiveLine({ e, claimId, retryAction }: { e: EvidenceView; claimId: string; retryAction?: FormAction }) {
  const archive = `/claims/${claimId}/evidence/${e.id}/archive`;
  if (!e.archiveStatus) return null;
  if (e.archiveStatus === "FAILED") {
    return (
      <div className="archive-line archive-failed" data-testid="archive-status" data-status="FAILED">
        Not archived: {e.archiveError ?? "the source could not be fetched."}
        {retryAction && <ActionForm action={retryAction} hidden={{ evidenceId: e.id, claimId }} submitLabel="Retry" inline />}
      </div>
    );
  }
  return (
    <div className="archive-line muted" data-testid="archive-status" data-status={e.archiveStatus}>
      {e.fetchedAt && (
        <>
          <a href={archive}>archived {formatDateTime(e.fetchedAt)}</a> · <a href={`${archive}?format=warc`}>WARC</a>
          {e.snapshotSha256 && <> · SHA-256 <code>{e.snapshotSha256.slice(0, 16)}…</code></>}
        </>
      )}
      {e.archiveStatus === "CHANGED" && e.recheckedAt && (
        <>
          {" "}
          · <strong>source changed</strong> (rechecked {formatDateTime(e.recheckedAt)}, <a href={`${archive}?format=diff`}>diff</a>)
        </>
      )}
      {e.archiveStatus === "GONE" && e.recheckedAt && (
        <>
          {" "}
          · <strong>source disappeared</strong> (rechecked {formatDateTime(e.recheckedAt)})
        </>
      )}
    </div>
  );
}

export function EvidenceList({
  items,
  claimId,
  removeAction,
  retryAction,
  fileMaxBytes,
}: {
  items: EvidenceView[];
  claimId: string;
  removeAction?: FormAction;
  retryAction?: FormAction;
  /** When set (the reviewer may change the evidence), each item offers "Attach a file" up to this many bytes. */
  fileMaxBytes?: number;
}) {
  if (items.length === 0) return <p className="muted">No evidence yet.</p>;
  return (
    <div data-testid="evidence-list">
      {items.map((e) => (
        <div key={e.id} className="evidence-item" data-testid="evidence-item">
          <span className={`stance stance-${e.stance}`}>{STANCE_LABELS[e.stance as EvidenceStance] ?? e.stance}</span>{" "}
          {e.url ? (
            <a href={e.url} rel="noopener noreferrer nofollow" target="_blank">
              {e.title}
            </a>
          ) : (
            <span data-testid="evidence-no-url">{e.title}</span>
          )}{" "}
          <span className="muted">— {e.publisher}</span>
          <blockquote>{e.quote}</blockquote>
          <div className="muted">
            Added by {e.addedBy.name}, {formatDateTime(e.createdAt)}
          </div>
          <ArchiveLine e={e} claimId={claimId} retryAction={retryAction} />
          <FileLine e={e} claimId={claimId} />
          {fileMaxBytes !== undefined && <EvidenceFileUpload claimId={claimId} evidenceId={e.id} version={e.version} maxBytes={fileMaxBytes} />}
          {removeAction && (
            <ActionForm
              action={removeAction}
              hidden={{ evidenceId: e.id, expectedVersion: e.version, claimId }}
              submitLabel="Remove"
              submitClass="danger"
              inline
            />
          )}
        </div>
      ))}
    </div>
  );
}

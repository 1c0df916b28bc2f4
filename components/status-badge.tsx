import { describeStatus, isClaimStatus } from "@/lib/domain/claim-status";
import { describePriority } from "@/lib/domain/verdict-scale";

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge status-${status}`}>{isClaimStatus(status) ? describeStatus(status) : status}</span>;
}

export function PriorityBadge({ priority }: { priority: string }) {
  return <span className={`badge priority-${priority}`}>{describePriority(priority)}</span>;
}

export function formatDate(date: Date | null | undefined): string {
  if (!date) return "—";
  return date.toISOString().slice(0, 10);
}

export function formatDateTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

import { describeStatus, isClaimStatus } from "@/lib/domain/claim-status";

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge status-${status}`}>{isClaimStatus(status) ? describeStatus(status) : status}</span>;
}

export function PriorityBadge({ priority }: { priority: string }) {
  const label = priority.charAt(0) + priority.slice(1).toLowerCase();
  return <span className={`badge priority-${priority}`}>{label}</span>;
}

export function formatDate(date: Date | null | undefined): string {
  if (!date) return "—";
  return date.toISOString().slice(0, 10);
}

export function formatDateTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

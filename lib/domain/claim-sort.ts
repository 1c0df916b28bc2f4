/**
 * The orders of the claims page (/claims), chosen with `sort` in the URL like the filters:
 *
 * - `changed`: most recently changed first (updatedAt desc, id desc) — All claims' default.
 * - `due`: due date, soonest first (dueAt asc, id asc); claims without one after, most recently
 *   changed first — My claims' default.
 * - `priority`: Urgent, High, Normal, Low; within one, most recently changed first.
 * - `status`: in workflow order (New … Published, Reopened); within one, most recently changed first.
 * - `relevance`: with a text search, best match first (the full-text search's rank,
 *   lib/server/claim-search.ts) — the default when the search has words; without one, as `changed`.
 *
 * Priority and status are ranked by meaning, not spelling, so the list reads them as buckets: one
 * keyset-ordered query per bucket, in bucket order, until a page is full (at most one query per
 * bucket: a constant bound whatever the data size). A cursor names the bucket, the key of the last
 * row (a time in ms and the id) and the sort, so it never continues another sort's list.
 */
import { LISTED_STATUSES } from "./claim-status";
import { PRIORITIES } from "./verdict-scale";

export const CLAIM_SORTS = ["changed", "due", "priority", "status", "relevance"] as const;
export type ClaimSort = (typeof CLAIM_SORTS)[number];

export const CLAIM_SORT_LABELS: Record<ClaimSort, string> = {
  changed: "Last change",
  due: "Due date, soonest first",
  priority: "Priority, most urgent first",
  status: "Status, in workflow order",
  relevance: "Best match (with a search)",
};

/** My claims opens on the nearest due date; All claims on the latest change. */
export function defaultClaimSort(editor: boolean): ClaimSort {
  return editor ? "changed" : "due";
}

/**
 * One bucket of a sort: the rows it holds and the key it is ordered by. `field: "value"` buckets hold
 * the rows whose `column` equals `value` (or, with `rest`, none of the listed values).
 */
export type SortBucket =
  | { kind: "equals"; column: "priority" | "status"; value: string; key: "updatedAt" }
  | { kind: "rest"; column: "priority" | "status"; values: readonly string[]; key: "updatedAt" }
  | { kind: "dated"; key: "dueAt" }
  | { kind: "undated"; key: "updatedAt" }
  | { kind: "all"; key: "updatedAt" };

const PRIORITY_ORDER = [...PRIORITIES].reverse();

/** The buckets of a sort, in list order. */
export function sortBuckets(sort: ClaimSort): SortBucket[] {
  switch (sort) {
    case "changed":
    case "relevance":
      return [{ kind: "all", key: "updatedAt" }];
    case "due":
      return [
        { kind: "dated", key: "dueAt" },
        { kind: "undated", key: "updatedAt" },
      ];
    case "priority":
      return [
        ...PRIORITY_ORDER.map((value) => ({ kind: "equals" as const, column: "priority" as const, value, key: "updatedAt" as const })),
        { kind: "rest", column: "priority", values: PRIORITY_ORDER, key: "updatedAt" },
      ];
    case "status":
      return [
        ...LISTED_STATUSES.map((value) => ({ kind: "equals" as const, column: "status" as const, value, key: "updatedAt" as const })),
        { kind: "rest", column: "status", values: LISTED_STATUSES, key: "updatedAt" },
      ];
  }
}

/** Where a sorted list continues: after the row (at, id) of bucket `bucket`. */
export interface SortedClaimCursor {
  sort: ClaimSort;
  bucket: number;
  /** The row's key time: dueAt in a `dated` bucket, else updatedAt. */
  at: Date;
  id: string;
}

const TAG = "s";
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** base64url of ["s", sort, bucket, atMillis, id]. */
export function encodeSortedClaimCursor(cursor: SortedClaimCursor): string {
  return Buffer.from(JSON.stringify([TAG, cursor.sort, cursor.bucket, cursor.at.getTime(), cursor.id]), "utf8").toString("base64url");
}

/** The cursor, or null unless it is one encodeSortedClaimCursor made for a sort and bucket that exist. */
export function decodeSortedClaimCursor(value: string): SortedClaimCursor | null {
  if (value.length === 0 || value.length > 200 || !/^[A-Za-z0-9_-]+$/.test(value)) return null;
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!Array.isArray(parts) || parts.length !== 5 || parts[0] !== TAG) return null;
  const [, sort, bucket, millis, id] = parts as unknown[];
  if (typeof sort !== "string" || !(CLAIM_SORTS as readonly string[]).includes(sort)) return null;
  if (typeof bucket !== "number" || !Number.isInteger(bucket) || bucket < 0 || bucket >= sortBuckets(sort as ClaimSort).length) return null;
  if (typeof millis !== "number" || !Number.isSafeInteger(millis) || millis < 0) return null;
  if (typeof id !== "string" || !ID_PATTERN.test(id)) return null;
  return { sort: sort as ClaimSort, bucket, at: new Date(millis), id };
}

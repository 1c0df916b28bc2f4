import { findRating, type VerdictRating } from "@/lib/domain/verdict-scale";

/** A verdict's label in its scale colour. */
export function VerdictLabel({ scale, rating }: { scale: readonly VerdictRating[]; rating: string }) {
  const found = findRating(scale, rating);
  return (
    <span className="verdict-label" style={{ background: found?.color ?? "#555" }}>
      {found?.label ?? rating}
    </span>
  );
}

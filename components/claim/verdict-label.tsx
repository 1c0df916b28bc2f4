import { findRating, type VerdictRating } from "@/lib/domain/verdict-scale";
import { plainCssColor } from "@/lib/domain/css-color";

/** A verdict's label in its scale colour. */
export function VerdictLabel({ scale, rating }: { scale: readonly VerdictRating[]; rating: string }) {
  const found = findRating(scale, rating);
  return (
    <span className="verdict-label" style={{ background: plainCssColor(found?.color) }}>
      {found?.label ?? rating}
    </span>
  );
}

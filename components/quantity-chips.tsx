/** One normalised quantity as a chip: its display ("≤ 190 mi ≈ 305.8 km", "10–15%", "≥ 3,000 rockets") and kind. */
export interface QuantityChip {
  display: string;
  /** LENGTH, COUNT, PERCENT, MONEY, DATE, DURATION or OTHER (lib/domain/extraction/quantities.ts). */
  kind?: string;
}

const KIND_LABELS: Record<string, string> = {
  LENGTH: "length",
  COUNT: "count",
  PERCENT: "percentage",
  MONEY: "money",
  DATE: "date (not an amount)",
  DURATION: "duration",
  OTHER: "quantity",
};

/** Normalised quantities of a claim, shown as chips; a date is marked apart from the amounts. */
export function QuantityChips({ items }: { items: (string | QuantityChip)[] }) {
  if (items.length === 0) return null;
  return (
    <span className="quantities" data-testid="quantity-chips">
      {items.map((item, i) => {
        const q = typeof item === "string" ? { display: item } : item;
        const kind = q.kind ?? "";
        return (
          <span key={i} className={kind === "DATE" ? "badge quantity quantity-date" : "badge quantity"} data-kind={kind || undefined} title={KIND_LABELS[kind]}>
            {kind === "DATE" ? (
              <>
                <span className="muted">date</span> {q.display}
              </>
            ) : (
              q.display
            )}
          </span>
        );
      })}
    </span>
  );
}

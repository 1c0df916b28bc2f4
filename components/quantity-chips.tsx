/** Normalised quantities of a claim ("≤ 190 mi ≈ 305.8 km"), shown as chips. */
export function QuantityChips({ items }: { items: string[] }) {
  if (items.length === 0) return null;
  return (
    <span className="quantities" data-testid="quantity-chips">
      {items.map((q, i) => (
        <span key={i} className="badge quantity">
          {q}
        </span>
      ))}
    </span>
  );
}

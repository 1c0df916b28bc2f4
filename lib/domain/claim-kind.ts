/** Human labels of the claim kinds the extractor assigns (lib/domain/extraction/kinds.ts). */
const KIND_LABELS: Record<string, string> = {
  QUANTITY: "quantity / statistic",
  ATTRIBUTION: "attribution / quote",
  EVENT: "event",
  CAUSAL: "causal",
  LEGAL: "legal / normative",
  PREDICTION: "prediction",
  OPINION: "opinion",
  OTHER: "other",
};

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind.toLowerCase();
}

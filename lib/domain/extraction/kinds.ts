/**
 * Claim kind and human-readable reasons for a sentence, from its facts and
 * normalised quantities.
 */
import type { SentenceFacts } from "./features";
import type { NormalizedQuantity } from "./quantities";

export type ClaimKind = "QUANTITY" | "ATTRIBUTION" | "EVENT" | "CAUSAL" | "LEGAL" | "PREDICTION" | "OPINION" | "OTHER";

const STRONG_LEGAL = /\b(?:law|laws|legal|illegal|lawful|unlawful|unconstitutional|constitution|charter|treaty|court|ruled|ruling|statute|legislation|regulation|article \d+|must|required?|requires|requiring|authori[sz](?:e|ed|es|ation)|approv(?:al|e|ed)|ban(?:ned|s)?|prohibit(?:ed|s|ion)?|mandate[sd]?|permission|permitted|allowed|veto(?:ed)?|rights?)\b/i;
const CAUSAL_RE = /\b(?:because|due to|caused|causes|cause|led to|leads to|lead to|result(?:ed|s)? in|as a result|therefore|consequently|thanks to|drives? up|driven by|so that|in order to)\b/i;
const PREDICTION_RE = /\b(?:will|'ll|going to|forecasts?|predicts?|predicted|projected|expects?|expected|is likely to|are likely to|could|would|might)\b/i;
const OPINION_RE = /\b(?:i think|i believe|we believe|i feel|in my (?:view|opinion)|should|ought to|arguably|clearly|obviously|hypocrisy|duplicity|disgrace|terrible|wonderful|great|disaster)\b/i;
const ATTRIBUTION_RE = /\b(?:according to|said|says|told|reported|reports|claimed|claims|stated|announced|confirmed|denied|warned|argued|argue|argues|noted|note|estimated|revealed|accused|describe|described)\b/i;

export interface KindResult {
  kind: ClaimKind;
  reasons: string[];
}

/** Classifies a sentence and lists why it looks check-worthy (or not). */
export function classifyClaim(f: SentenceFacts, quantities: readonly NormalizedQuantity[]): KindResult {
  const reasons: string[] = [];
  const text = f.text;
  const nonDate = quantities.filter((q) => q.kind !== "DATE");
  const withUnit = nonDate.filter((q) => q.unit !== "" && q.kind !== "COUNT");
  const money = quantities.some((q) => q.kind === "MONEY") || (f.entities.MONEY ?? 0) > 0;
  const percent = quantities.some((q) => q.kind === "PERCENT") || (f.entities.PERCENT ?? 0) > 0;
  const dated = quantities.some((q) => q.kind === "DATE") || (f.entities.DATE ?? 0) > 0;
  const compared = nonDate.some((q) => q.comparator !== "=") || f.comparison > 0 || f.superlative > 0;
  const namedSource = f.accordingTo || (f.attribution > 0 && (f.names.length > 0 || f.sourceNouns > 0));

  if (withUnit.length > 0) reasons.push("number with unit");
  if (money) reasons.push("money amount");
  if (percent) reasons.push("percentage");
  if (nonDate.length > 0 && withUnit.length === 0 && !money && !percent) reasons.push("quantity");
  else if (nonDate.length === 0 && f.numbers > 0 && !dated) reasons.push("quantity");
  if (compared) reasons.push("comparison");
  if (f.superlative > 0) reasons.push("superlative");
  if (dated) reasons.push("date");
  if (namedSource) reasons.push("named source");
  if (f.attribution > 0 || ATTRIBUTION_RE.test(text)) reasons.push("attribution verb");
  if (f.quoted) reasons.push("quotation");
  if (f.names.length > 0) reasons.push("named entity");
  const legal = STRONG_LEGAL.test(text);
  if (legal) reasons.push("legal/normative term");
  const causal = CAUSAL_RE.test(text);
  if (causal) reasons.push("causal connective");
  const future = f.future > 0 || PREDICTION_RE.test(text);
  if (future) reasons.push("future/conditional");
  if (f.past > 0 && (f.names.length > 0 || dated)) reasons.push("past event");
  const opinion = f.hedge > 1 || f.evaluative > 0 || f.firstSingular > 0 || OPINION_RE.test(text);
  if (opinion) reasons.push("opinion/hedge");
  if (f.question) reasons.push("question");

  let kind: ClaimKind = "OTHER";
  if (nonDate.length > 0 || money || percent) kind = "QUANTITY";
  else if (namedSource || f.quoted) kind = "ATTRIBUTION";
  else if (legal && f.legal > 0) kind = "LEGAL";
  else if (causal) kind = "CAUSAL";
  else if (future && (f.future > 0 || f.prediction > 0)) kind = "PREDICTION";
  else if (f.past > 0 && (f.names.length > 0 || dated)) kind = "EVENT";
  else if (opinion) kind = "OPINION";
  else if (legal) kind = "LEGAL";
  else if (future) kind = "PREDICTION";
  else if (f.past > 0) kind = "EVENT";
  return { kind, reasons };
}

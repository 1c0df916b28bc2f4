/**
 * Claim-finding domain module: sentence segmentation, check-worthiness
 * ranking, claim kinds/reasons, quantity normalisation, span re-anchoring and
 * cross-article claim matching. Plain TypeScript (wink-nlp + js-quantities);
 * all public offsets are Unicode code points.
 */
export type { ClaimKind } from "./kinds";
export type { NormalizedQuantity, QuantityKind, Comparator } from "./quantities";
export type { ExtractedClaim, ExtractOptions, Sentence } from "./extract";
export { extractClaims, segmentSentences } from "./extract";
export { scoreSentence, scoreLines } from "./ranker";
export { parseQuantities } from "./quantities";
export { parseTranscript } from "./clef";
export type { TranscriptLine } from "./clef";
export { buildAnchor, reanchorSpan, ANCHOR_CONTEXT } from "./anchor";
export type { TextAnchor, AnchoredSpan } from "./anchor";
export { matchClaims, claimSimilarities, DEFAULT_MATCH_THRESHOLD } from "./match";
export type { MatchInput, ScoredPair } from "./match";
export { suggestClaimant, claimantKind } from "./claimant";
export type { SuggestedClaimant, ClaimantKind } from "./claimant";

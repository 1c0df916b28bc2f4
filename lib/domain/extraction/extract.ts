/**
 * Sentence segmentation and claim extraction for articles.
 */
import { analyze, type Analysis } from "./nlp";
import { isBmpOnly, utf16ToCodePointTable } from "./codepoints";
import { classifyLines, wordCount, type BoilerplateReason } from "./boilerplate";
import { calibrate, ngramScore, unitFeatures, withoutNgrams, DEFAULT_MODEL, type RankerModel } from "./ranker";
import { linearScore } from "./logreg";
import { articlePrior } from "./article-prior";
import { parseQuantities, type NormalizedQuantity } from "./quantities";
import { classifyClaim, type ClaimKind } from "./kinds";
import { suggestClaimant, type SuggestedClaimant } from "./claimant";

export interface Sentence {
  text: string;
  /** Code-point offsets into the input. */
  start: number;
  end: number;
}

export interface ExtractedClaim {
  /** The sentence text; equals the code-point slice [start, end) of the input. */
  text: string;
  start: number;
  end: number;
  /**
   * Check-worthiness, 0..1: the calibrated probability that a fact-checker
   * would mark the sentence check-worthy (higher = more worth checking).
   */
  score: number;
  kind: ClaimKind;
  reasons: string[];
  quantities: NormalizedQuantity[];
  /** Who the sentence attributes the claim to ("Defense Secretary Pete Hegseth", "Reuters"), or null. */
  claimant: SuggestedClaimant | null;
}

export interface ExtractOptions {
  /** Maximum number of claims returned (best first). Default: all. */
  limit?: number;
  /** Drop claims scoring below this (0..1). Default 0. */
  minScore?: number;
  /**
   * Keep only sentences at or above the model's calibrated suggestion
   * threshold (`model.suggestThreshold`), so the number of suggestions
   * follows the text. Default false (all candidates).
   */
  suggestedOnly?: boolean;
  /** Model override (tests / experiments). */
  model?: RankerModel;
}

export interface SentenceAnalysis extends Sentence {
  /** UTF-16 offsets. */
  u16Start: number;
  u16End: number;
  t0: number;
  t1: number;
  /** Why the sentence is page furniture rather than article text, or null. */
  boilerplate: BoilerplateReason | null;
}

const SENTENCE_CAPTION = /\[(?:photo|image|picture|video)\b[^\]]*\]\.?$/iu;
const SENTENCE_CTA = /^(?:show your support|subscribe|sign up|follow us|share this|click here|donate)\b/iu;

/** Sentences of an analysed text with code-point offsets and boilerplate flags. */
export function sentencesOf(a: Analysis): SentenceAnalysis[] {
  const text = a.text;
  const table = isBmpOnly(text) ? null : utf16ToCodePointTable(text);
  const toks = a.lexemes;
  const starts = a.starts;
  const count = a.tokenCount;
  const lines = classifyLines(text, (start, end) => {
    // Binary search the first token at or after `start`.
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! < start) lo = mid + 1;
      else hi = mid;
    }
    // A finite verb: any auxiliary, or a verb not in -ing / -ed form (those read as
    // participles/adjectives in headings such as "Rising costs and allied confidence").
    for (let i = lo; i < count && starts[i]! < end; i++) {
      const t = toks[i]!;
      if (t.pos === "AUX") return true;
      if (t.pos === "VERB" && !/(?:ing|ed)$/.test(t.normal)) return true;
    }
    return false;
  });
  const out: SentenceAnalysis[] = [];
  let li = 0;
  for (const s of a.sentences) {
    while (li < lines.length - 1 && lines[li]!.end <= s.start) li++;
    const line = lines[li];
    const sText = text.slice(s.start, s.end);
    let boilerplate: BoilerplateReason | null = line && line.start <= s.start && s.start < line.end ? line.boilerplate : null;
    // A sentence that runs on past its first line (hard-wrapped text) is not a heading, however its first line reads.
    if (boilerplate === "heading" && line && s.end > line.end) boilerplate = null;
    if (!boilerplate) {
      if (!/\p{L}/u.test(sText)) boilerplate = "no-words";
      else if (sText.includes("[") && SENTENCE_CAPTION.test(sText)) boilerplate = "caption";
      else if (SENTENCE_CTA.test(sText)) boilerplate = "call-to-action";
    }
    out.push({
      text: sText,
      start: table ? (table[s.start] ?? 0) : s.start,
      end: table ? (table[s.end] ?? 0) : s.end,
      u16Start: s.start,
      u16End: s.end,
      t0: s.t0,
      t1: s.t1,
      boilerplate,
    });
  }
  return out;
}

/**
 * Splits a text into sentences (wink-nlp sentence boundaries, additionally
 * split at line breaks). Offsets are code points; each text is trimmed and
 * equals the code-point slice of the input.
 */
export function segmentSentences(text: string): Sentence[] {
  if (!text) return [];
  return sentencesOf(analyze(text)).map((s) => ({ text: s.text, start: s.start, end: s.end }));
}


/**
 * Longest sentence suggested as a claim, in code points: the longest passage an editor may select to
 * make a claim, and the longest claim wording (lib/validation/suggestions.ts).
 */
export const MAX_SUGGESTED_CLAIM_CODE_POINTS = 2_000;

/**
 * Candidate claims of an article: every non-boilerplate sentence of at least
 * three words and at most MAX_SUGGESTED_CLAIM_CODE_POINTS code points, scored by the check-worthiness ranker, sorted by score
 * (descending; ties by position).
 */
export function extractClaims(text: string, options: ExtractOptions = {}): ExtractedClaim[] {
  if (!text || !text.trim()) return [];
  const model = options.model ?? DEFAULT_MODEL;
  const a = analyze(text);
  const sentences = sentencesOf(a);
  // N-gram weights are summed directly (ngramScore) rather than stored as named features.
  const units = unitFeatures(a, sentences, withoutNgrams(model.features));
  const minScore = Math.max(options.minScore ?? 0, options.suggestedOnly ? model.suggestThreshold : 0);
  const scored: { i: number; start: number; score: number }[] = [];
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i]!;
    if (s.boilerplate) continue;
    // A "sentence" this long is text without sentence ends (a run-on wall, a script whose full stops
    // the sentence splitter does not know), not a claim: suggested, it made every part of its article
    // page carry it (150,000 characters, 1.8 MB a page).
    if (s.end - s.start > MAX_SUGGESTED_CLAIM_CODE_POINTS) continue;
    const u = units[i]!;
    if (u.facts.nWords < 3 && wordCount(s.text) < 3) continue;
    const score = calibrate(linearScore(model, u.features) + ngramScore(u.facts, model) + articlePrior(u.facts), model.calibration);
    if (score < minScore) continue;
    scored.push({ i, start: s.start, score: Math.min(0.9999, Math.max(1e-4, Math.round(score * 1e4) / 1e4)) });
  }
  scored.sort((x, y) => y.score - x.score || x.start - y.start);
  const limit = options.limit;
  const kept = limit !== undefined && limit >= 0 ? scored.slice(0, limit) : scored;
  // Quantities, kind and claimant only for the sentences returned.
  return kept.map(({ i, score }) => {
    const s = sentences[i]!;
    const quantities = parseQuantities(s.text, s.start);
    const { kind, reasons } = classifyClaim(units[i]!.facts, quantities);
    return { text: s.text, start: s.start, end: s.end, score, kind, reasons, quantities, claimant: suggestClaimant(s.text) };
  });
}

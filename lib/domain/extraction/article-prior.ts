/**
 * Genre adaptation for written articles.
 *
 * The ranker is learned from debate and speech transcripts (CLEF-2019), where
 * there is no labelled news data to learn from. News prose differs: the writer
 * interprets events in sentences that link back to the previous one ("This
 * strengthens…", "Such initiatives highlight…") and in stance adverbs
 * ("quietly", "effectively"), while checkable statements name an actor and
 * report what it did, who must approve what, or list concrete details.
 * These few hand-set adjustments (log-odds units) are added to the learned
 * score in `extractClaims` only; transcript scoring (`scoreLines`,
 * `claims:score`) uses the learned model alone.
 */
import type { SentenceFacts } from "./features";

export const ARTICLE_PRIOR = {
  /** Sentence opens with a pronoun/demonstrative: usually commentary on the previous sentence. */
  anaphoricStart: -0.6,
  /** A framing phrase pointing back to earlier text ("in this way", "in this view"): commentary. */
  anaphoricFrame: -0.4,
  /** Each interpretive word ("underscores", "hypocrisy", "reality"), at most two. */
  interpretive: -0.4,
  /** Each stance/manner adverb in -ly, at most three. */
  stanceAdverb: -0.15,
  /** A named actor as grammatical subject with a past/perfect verb: a reported event. */
  namedEvent: 0.3,
  /** A person named with title or full name. */
  person: 0.25,
  /** A requirement/permission attached to a named actor ("approval from Washington"). */
  namedRule: 0.3,
  /** …attached to a named official ("must be cleared by Defense Secretary X"): who must approve what. */
  personRule: 0.9,
  /** A list of three or more concrete items. */
  enumeration: 0.25,
  /**
   * Evaluative, superlative or hedged wording with no figure in the sentence
   * ("the most responsible budget in a decade", "it certainly feels rushed"):
   * an opinion rather than a checkable statement. Not applied to rules
   * ("must be cleared by …"): "must" there states a requirement, not a hedge.
   */
  opinionNoFigure: -0.7,
} as const;

/** Whether the sentence carries a figure a fact-checker could verify (a number, amount, percentage). */
function hasFigure(f: SentenceFacts): boolean {
  return f.numbers > 0 || (f.entities.MONEY ?? 0) > 0 || (f.entities.PERCENT ?? 0) > 0 || (f.entities.CARDINAL ?? 0) > 0;
}

/** Log-odds adjustment (added to the raw model score, before calibration) for a sentence of an article. */
export function articlePrior(f: SentenceFacts): number {
  const p = ARTICLE_PRIOR;
  let z = 0;
  if (f.anaphoricStart) z += p.anaphoricStart;
  else if (f.anaphoricFrame) z += p.anaphoricFrame;
  z += p.interpretive * Math.min(f.interpretive, 2);
  z += p.stanceAdverb * Math.min(f.stanceAdverbs, 3);
  if (f.namedSubject && (f.past > 0 || f.perfect) && !f.anaphoricStart) z += p.namedEvent;
  if (f.person) z += p.person;
  if (f.rule > 0 && f.person) z += p.personRule;
  else if (f.rule > 0 && (f.namedSubject || f.names.length > 0)) z += p.namedRule;
  if (f.enumeration) z += p.enumeration;
  if ((f.superlative > 0 || f.evaluative > 0 || f.hedge > 0) && f.rule === 0 && !hasFigure(f)) z += p.opinionNoFigure;
  return z;
}

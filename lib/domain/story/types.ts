/**
 * Shapes of the story comparison (issue 18): the inputs a story loader hands to
 * `compareStory` and the comparison every view and exporter reads.
 *
 * Units: all `start`/`end` offsets are in Unicode code points of the article text
 * (not UTF-16 units); `share` is a ratio 0…1; `publishedAt` is an ISO 8601 string.
 * The field names are a shared contract between issue 18's engineers: fields may be
 * added, never renamed.
 */

/** One article of the story, as loaded from the database. */
export interface StoryArticleInput {
  id: string;
  title: string;
  outlet: string;
  /** ISO 8601 date or date-time, or null when unknown. */
  publishedAt: string | null;
  url: string | null;
  text: string;
}

/** The verdict a claim carries: its latest non-rejected verdict. */
export interface StoryVerdictInput {
  id: string;
  rating: string;
  label: string;
  state: "PROPOSED" | "APPROVED" | "PUBLISHED";
}

/** One claim of one story article (claims REJECTED by the desk are left out by the loader). */
export interface StoryClaimInput {
  id: string;
  articleId: string;
  text: string;
  /** Span in code points of the article text, end exclusive. */
  start: number;
  end: number;
  clusterId: string | null;
  claimant: string | null;
  status: string;
  /** Latest non-rejected verdict, or null. */
  verdict: StoryVerdictInput | null;
}

/** The claims one article makes within one row (or its outlet-only claims). */
export interface StoryCell {
  articleId: string;
  claims: {
    id: string;
    text: string;
    claimant: string | null;
    status: string;
    verdict: StoryClaimInput["verdict"];
  }[];
}

/** One claim cluster asserted by at least two articles of the story. */
export interface AlignedRow {
  clusterId: string;
  /** One cell per article of the story, in article order (empty claims = not asserted). */
  cells: StoryCell[];
}

/** A factual disagreement between two articles of the story. */
export interface Contradiction {
  kind: "QUANTITY" | "DATE" | "ATTRIBUTION" | "FIRST_REPORT";
  /** null for story-level conflicts such as who reported first. */
  clusterId: string | null;
  a: { articleId: string; claimId: string | null; value: string; quote: string };
  b: { articleId: string; claimId: string | null; value: string; quote: string };
  /** e.g. `Who reported first: Reuters (Outlet A) vs The Wall Street Journal (Outlet B, "first reported")` */
  message: string;
}

/** A cluster whose APPROVED/PUBLISHED verdicts differ in rating across articles. */
export interface VerdictConflict {
  clusterId: string;
  verdicts: { claimId: string; articleId: string; verdictId: string; rating: string; label: string }[];
}

/** Tone reading aid of one article (computed by lib/domain/story/tone.ts). */
export interface ToneFigure {
  articleId: string;
  outlet: string;
  /** Word count of the article text. */
  words: number;
  /** Number of words found in the lexicon. */
  loaded: number;
  /** loaded ÷ words, 0…1 (0 when words is 0). */
  share: number;
  /** Spans in code points of the article text, end exclusive. */
  highlights: { start: number; end: number; word: string; score: number }[];
}

/** Where the tone lexicon comes from, shown beside the tone figures. */
export interface LexiconInfo {
  name: string;
  version: string;
  source: string;
  license: string;
  url: string;
}

/** The whole comparison of one story. */
export interface StoryComparison {
  /** Story articles in story order; `text` may be dropped by exporters. */
  articles: (StoryArticleInput & { claimCount: number })[];
  aligned: AlignedRow[];
  /** One cell per article: claims whose cluster has no claim in another article of the story. */
  outletOnly: StoryCell[];
  contradictions: Contradiction[];
  verdictConflicts: VerdictConflict[];
  tone: ToneFigure[];
  lexicon: LexiconInfo;
}

/** The input `compareStory` takes. */
export interface StoryComparisonInput {
  articles: StoryArticleInput[];
  claims: StoryClaimInput[];
}

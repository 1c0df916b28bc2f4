/**
 * The comparison of one story's articles (issue 18): matched claims side by side, what each outlet
 * alone asserts, contradictions (figures, dates, claimants, who reported first), verdict conflicts
 * and the tone reading aid. Pure: the caller loads the inputs (with rights checked) and the tone
 * measure is injected.
 */
import { findSourceCredits, primaryCredit, sameName, type SourceCredit } from "./attribution";
import type {
  AlignedRow,
  Contradiction,
  LexiconInfo,
  StoryArticleInput,
  StoryCell,
  StoryClaimInput,
  StoryComparison,
  StoryComparisonInput,
  ToneFigure,
  VerdictConflict,
} from "./types";
import { compareValues } from "./values";

/** Verdict states that count for verdict conflicts: approved by an editor (or published). */
export const FINAL_VERDICT_STATES: readonly string[] = ["APPROVED", "PUBLISHED"];

function cellClaim(c: StoryClaimInput): StoryCell["claims"][number] {
  return { id: c.id, text: c.text, claimant: c.claimant, status: c.status, verdict: c.verdict };
}

function byPosition(a: StoryClaimInput, b: StoryClaimInput): number {
  return a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Pairs of claims of one cluster from two different articles, the earlier article first. */
function crossPairs(claims: readonly StoryClaimInput[], order: Map<string, number>): [StoryClaimInput, StoryClaimInput][] {
  const pairs: [StoryClaimInput, StoryClaimInput][] = [];
  for (const x of claims) {
    for (const y of claims) if (order.get(x.articleId)! < order.get(y.articleId)!) pairs.push([x, y]);
  }
  return pairs;
}

/** Contradictions inside one matched cluster: figures, day dates and claimants (see values.ts and attribution.ts). */
function clusterContradictions(
  clusterId: string,
  claims: readonly StoryClaimInput[],
  order: Map<string, number>,
  outlet: (articleId: string) => string,
): Contradiction[] {
  const out: Contradiction[] = [];
  const seen = new Set<string>();
  const push = (c: Contradiction) => {
    const key = `${c.kind}\u0000${c.a.articleId}\u0000${c.b.articleId}\u0000${c.a.value}\u0000${c.b.value}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(c);
  };
  for (const [x, y] of crossPairs(claims, order)) {
    for (const d of compareValues(x.text, y.text)) {
      const what = d.kind === "DATE" ? "Dates differ" : "Figures differ";
      push({
        kind: d.kind,
        clusterId,
        a: { articleId: x.articleId, claimId: x.id, value: d.a.display, quote: x.text },
        b: { articleId: y.articleId, claimId: y.id, value: d.b.display, quote: y.text },
        message: `${what}: ${d.a.display} (${outlet(x.articleId)}) vs ${d.b.display} (${outlet(y.articleId)})`,
      });
    }
    if (x.claimant && y.claimant && !sameName(x.claimant, y.claimant)) {
      push({
        kind: "ATTRIBUTION",
        clusterId,
        a: { articleId: x.articleId, claimId: x.id, value: x.claimant, quote: x.text },
        b: { articleId: y.articleId, claimId: y.id, value: y.claimant, quote: y.text },
        message: `Attributed to different claimants: ${x.claimant} (${outlet(x.articleId)}) vs ${y.claimant} (${outlet(y.articleId)})`,
      });
    }
  }
  return out;
}

/** The claim of `claims` whose span holds the credit's start (code points), or null. */
function claimAt(claims: readonly StoryClaimInput[], credit: SourceCredit): string | null {
  return claims.find((c) => c.start <= credit.start && credit.start < c.end)?.id ?? null;
}

/**
 * "Who reported first" conflicts between articles: each article's main source credit (see
 * attribution.ts `primaryCredit`); two articles conflict when their main credits name different
 * sources and at least one of them says the source reported first. One conflict per pair of articles.
 */
function firstReportConflicts(
  articles: readonly StoryArticleInput[],
  claimsOf: (articleId: string) => readonly StoryClaimInput[],
): Contradiction[] {
  const credits = articles.map((a) => ({ article: a, credit: primaryCredit(findSourceCredits(a.text)) }));
  const out: Contradiction[] = [];
  const side = (a: StoryArticleInput, c: SourceCredit) => ({ articleId: a.id, claimId: claimAt(claimsOf(a.id), c), value: c.source, quote: c.quote });
  const label = (a: StoryArticleInput, c: SourceCredit) => `${c.source} (${a.outlet}${c.strength === "FIRST" ? `, "${c.phrase}"` : ""})`;
  for (let i = 0; i < credits.length; i++) {
    for (let j = i + 1; j < credits.length; j++) {
      const x = credits[i]!;
      const y = credits[j]!;
      if (!x.credit || !y.credit || sameName(x.credit.source, y.credit.source)) continue;
      if (x.credit.strength !== "FIRST" && y.credit.strength !== "FIRST") continue;
      out.push({
        kind: "FIRST_REPORT",
        clusterId: null,
        a: side(x.article, x.credit),
        b: side(y.article, y.credit),
        message: `Who reported first: ${label(x.article, x.credit)} vs ${label(y.article, y.credit)}`,
      });
    }
  }
  return out;
}

/** A verdict conflict when two articles' final (approved or published) verdicts in the cluster differ in rating. */
function verdictConflict(clusterId: string, claims: readonly StoryClaimInput[], order: Map<string, number>): VerdictConflict | null {
  const final = claims.filter((c) => c.verdict && FINAL_VERDICT_STATES.includes(c.verdict.state));
  const differs = crossPairs(final, order).some(([x, y]) => x.verdict!.rating !== y.verdict!.rating);
  if (!differs) return null;
  return {
    clusterId,
    verdicts: final.map((c) => ({ claimId: c.id, articleId: c.articleId, verdictId: c.verdict!.id, rating: c.verdict!.rating, label: c.verdict!.label })),
  };
}

/**
 * Compares the articles of one story.
 *
 * - `input.articles`: the story's articles in display order (ids unique); `input.claims`: their claims
 *   (spans in code points of the article text), each belonging to one of those articles.
 * - `aligned`: one row per cluster with claims in at least two articles, one cell per article in
 *   article order (an empty cell = that article does not assert it); rows ordered by where the
 *   cluster first appears (article order, then position in the text).
 * - `outletOnly`: one cell per article, its claims without a cluster or whose cluster has no claim in
 *   another article, in text order.
 * - `contradictions`: per aligned cluster, figures and day dates that disagree (values.ts) and
 *   claimants that differ (attribution.ts `sameName`); then the story-level "who reported first"
 *   conflicts (clusterId null).
 * - `verdictConflicts`: aligned clusters whose APPROVED/PUBLISHED verdicts differ in rating across
 *   articles (all the cluster's final verdicts listed).
 * - `tone`: `tone(article)` for each article; `lexicon` as given.
 *
 * Throws an Error naming the id when an article id repeats or a claim's article is not in the story.
 */
export function compareStory(input: StoryComparisonInput, tone: (article: StoryArticleInput) => ToneFigure, lexicon: LexiconInfo): StoryComparison {
  const order = new Map<string, number>();
  input.articles.forEach((a, i) => {
    if (order.has(a.id)) throw new Error(`article ${a.id} appears twice in the story`);
    order.set(a.id, i);
  });
  const byArticle = new Map<string, StoryClaimInput[]>(input.articles.map((a) => [a.id, []]));
  for (const c of input.claims) {
    const list = byArticle.get(c.articleId);
    if (!list) throw new Error(`claim ${c.id} belongs to article ${c.articleId}, which is not in the story`);
    list.push(c);
  }
  for (const list of byArticle.values()) list.sort(byPosition);
  const claimsOf = (articleId: string) => byArticle.get(articleId) ?? [];
  const outletOf = new Map(input.articles.map((a) => [a.id, a.outlet]));
  const outlet = (articleId: string) => outletOf.get(articleId) ?? articleId;

  // Clusters in order of first appearance (article order, then text order).
  const clusters = new Map<string, StoryClaimInput[]>();
  for (const a of input.articles) {
    for (const c of claimsOf(a.id)) {
      if (c.clusterId === null) continue;
      const list = clusters.get(c.clusterId);
      if (list) list.push(c);
      else clusters.set(c.clusterId, [c]);
    }
  }
  const alignedIds = new Set([...clusters].filter(([, claims]) => new Set(claims.map((c) => c.articleId)).size >= 2).map(([id]) => id));

  const aligned: AlignedRow[] = [];
  const contradictions: Contradiction[] = [];
  const verdictConflicts: VerdictConflict[] = [];
  for (const clusterId of alignedIds) {
    const claims = clusters.get(clusterId)!;
    aligned.push({
      clusterId,
      cells: input.articles.map((a) => ({ articleId: a.id, claims: claims.filter((c) => c.articleId === a.id).map(cellClaim) })),
    });
    contradictions.push(...clusterContradictions(clusterId, claims, order, outlet));
    const conflict = verdictConflict(clusterId, claims, order);
    if (conflict) verdictConflicts.push(conflict);
  }
  contradictions.push(...firstReportConflicts(input.articles, claimsOf));

  const outletOnly: StoryCell[] = input.articles.map((a) => ({
    articleId: a.id,
    claims: claimsOf(a.id)
      .filter((c) => c.clusterId === null || !alignedIds.has(c.clusterId))
      .map(cellClaim),
  }));

  return {
    articles: input.articles.map((a) => ({ ...a, claimCount: claimsOf(a.id).length })),
    aligned,
    outletOnly,
    contradictions,
    verdictConflicts,
    tone: input.articles.map((a) => tone(a)),
    lexicon,
  };
}

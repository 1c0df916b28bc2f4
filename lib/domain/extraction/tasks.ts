/**
 * The CPU-heavy steps of claim finding (and the PDF report's layout), as plain functions taking and returning structured-clone
 * data, so that lib/server's worker pool can run them off the request thread. Limits are checked
 * here, before any parsing; a broken limit is a result (`{ refused }`), not an exception, so its
 * message crosses the worker boundary intact.
 */
import { extractReadableArticle, type ReadableArticle } from "../html-article";
import { htmlLimitRefusal } from "../html-limits";
import { extractClaims, type ExtractedClaim } from "./extract";
import { textLimitRefusal } from "./text-limits";
import {
  claimSignature,
  fromStoredSignature,
  matchKeys,
  matchNewClaims,
  toStoredSignature,
  type StoredSignature,
} from "./match";
import { scoreSentence } from "./ranker";
import type { ReportDocument } from "../report/model";
import type { StoryExportHeader } from "../story/export";
import type { StoryComparison } from "../story/types";

/** A refusal: which limit was broken, in words a user can act on. */
export interface Refusal {
  refused: string;
}

/** An extracted claim with its stored matching signature and index keys. */
export interface SignedExtractedClaim extends ExtractedClaim {
  signature: StoredSignature;
  matchKeys: string[];
}

/** A claim's matching data as stored (see matchFeaturesOf). */
export interface MatchFeatures {
  signature: StoredSignature;
  matchKeys: string[];
}

export interface StoredMatchClaim {
  id: string;
  articleId: string;
  signature: StoredSignature;
}

/**
 * HTML page → readable text and metadata; refuses, before any parsing, a page past one of the
 * limits of lib/domain/html-limits.ts (depth, elements, text pieces, attributes), naming the limit.
 */
export function readHtmlTask(input: { html: string }): ReadableArticle | Refusal {
  const refused = htmlLimitRefusal(input.html);
  return refused ? { refused } : extractReadableArticle(input.html);
}

/** Matching signature and index keys of one claim text. */
export function matchFeaturesOf(text: string): MatchFeatures {
  const sig = claimSignature(text);
  return { signature: toStoredSignature(sig), matchKeys: matchKeys(sig) };
}

/**
 * Suggested claims of an article (extractClaims above the calibrated threshold), each with its
 * matching features; refuses, before any analysis, a text past the limits of ./text-limits.ts
 * (sentence-like pieces, paragraphs), naming the limit.
 */
export function extractArticleTask(input: { text: string; limit: number }): SignedExtractedClaim[] | Refusal {
  const refused = textLimitRefusal(input.text);
  if (refused) return { refused };
  return extractClaims(input.text, { suggestedOnly: true, limit: input.limit }).map((c) => ({ ...c, ...matchFeaturesOf(c.text) }));
}

/** Matching features of several claim texts (manual claims, rewording, backfill), in order. */
export function featuresTask(input: { texts: string[] }): MatchFeatures[] {
  return input.texts.map(matchFeaturesOf);
}

/** Check-worthiness score (0..1) of a passage an editor selected. */
export function scoreTask(input: { text: string }): number {
  return scoreSentence(input.text);
}

/**
 * Clusters new claims with their candidates (matchNewClaims) under desk-wide document frequencies
 * (`total` indexed claims; `df` as key → count pairs).
 */
export function matchTask(input: { fresh: StoredMatchClaim[]; candidates: StoredMatchClaim[]; total: number; df: [string, number][] }): string[][] {
  const signed = (c: StoredMatchClaim) => ({ id: c.id, articleId: c.articleId, signature: fromStoredSignature(c.signature) });
  return matchNewClaims(input.fresh.map(signed), input.candidates.map(signed), { total: input.total, df: new Map(input.df) });
}

/**
 * The report as a finished PDF file (lib/domain/report/pdf-task.ts; pdfkit and the fonts are loaded
 * by the first PDF a worker thread renders, not by every worker).
 */
export async function renderPdfTask(input: { document: ReportDocument }): Promise<Uint8Array<ArrayBuffer>> {
  const { renderPdfTask: render } = await import("../report/pdf-task");
  return render(input);
}

/**
 * The entity keys of an article (lib/domain/story/entities.ts namedEntities, each as entityKey), in
 * order of first mention, for story suggestion. compromise is loaded by the first such task a worker runs.
 * Refuses, before any analysis, a text past the limits of ./text-limits.ts, as extractArticleTask does.
 */
export async function entitiesTask(input: { text: string }): Promise<string[] | Refusal> {
  const refused = textLimitRefusal(input.text);
  if (refused) return { refused };
  const { entityKey, namedEntities } = await import("../story/entities");
  return [...new Set(namedEntities(input.text).map((e) => entityKey(e.name)))];
}

/**
 * A story comparison as a finished PDF file (lib/domain/story/pdf.ts), laid out in a worker thread
 * like the report's PDF (same fonts, loaded once per thread). Input: the comparison (article texts may
 * be left out) and the optional title, story id and generation time.
 */
export async function renderStoryPdfTask(input: { comparison: StoryComparison; header?: StoryExportHeader }): Promise<Uint8Array<ArrayBuffer>> {
  const { storyComparisonPdf } = await import("../story/pdf");
  const bytes = await storyComparisonPdf(input.comparison, input.header ?? {});
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Every task the extraction pool runs, by name. */
export const EXTRACTION_TASKS = {
  readHtml: readHtmlTask,
  extractArticle: extractArticleTask,
  features: featuresTask,
  score: scoreTask,
  match: matchTask,
  renderPdf: renderPdfTask,
  entities: entitiesTask,
  renderStoryPdf: renderStoryPdfTask,
} as const;

export type ExtractionTaskName = keyof typeof EXTRACTION_TASKS;

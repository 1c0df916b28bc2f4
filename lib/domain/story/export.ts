/**
 * The story comparison as CSV and JSON files (issue 18's exports).
 *
 * CSV: RFC 4180 through csv-stringify with the report's options (CRLF record ends, cells with line
 * breaks quoted), UTF-8 with a byte-order mark (so spreadsheet programs read it as UTF-8), every cell
 * neutralised against formula injection (lib/domain/report/csv.ts `neutralizeCsvCell`). One table; the
 * first column says which part of the comparison a record belongs to (see `STORY_CSV_SECTIONS`).
 *
 * JSON: one document, `format` "claimledger.story-comparison" and `schemaVersion` (bumped when a field
 * changes meaning or goes away; added fields keep the version). Article texts are left out; tone
 * highlight spans stay in code points of the article text as imported.
 */
import { stringify } from "csv-stringify/sync";
import { CSV_OPTIONS, neutralizeCsvCell } from "../report/csv";
import { escapeLineSeparators } from "../report/json";
import type { StoryCell, StoryComparison, ToneFigure } from "./types";

/** Names of the JSON document format and its version. */
export const STORY_JSON_FORMAT = "claimledger.story-comparison";
export const STORY_JSON_SCHEMA_VERSION = 1;

/** Optional facts about the story shown in the exports. `generatedAt`: ISO 8601 date-time (UTC). */
export interface StoryExportHeader {
  storyId?: string;
  title?: string;
  generatedAt?: string;
}

/** Values of the CSV's first column, in the order the records come. */
export const STORY_CSV_SECTIONS = ["Story", "Article", "Aligned claim", "Outlet-only claim", "Contradiction", "Verdict conflict", "Tone lexicon"] as const;
type Section = (typeof STORY_CSV_SECTIONS)[number];

/** The CSV header; a record leaves empty what does not apply to its section. */
export const STORY_CSV_COLUMNS = [
  "Section",
  "Cluster ID",
  "Article ID",
  "Outlet",
  "Claim ID",
  "Text",
  "Claimant",
  "Status",
  "Verdict",
  "Verdict rating",
  "Verdict state",
  "Kind",
  "Value",
  "Message",
  "Published",
  "URL",
  "Claims",
  "Words",
  "Loaded words",
  "Loaded share",
  "Highlighted words",
] as const;
type Column = (typeof STORY_CSV_COLUMNS)[number];
type Record_ = Partial<Record<Column, string | number | null>>;

/** The distinct highlighted words of a tone figure, in text order, lower case. */
export function highlightedWords(tone: ToneFigure): string[] {
  return [...new Set(tone.highlights.map((h) => h.word.toLowerCase()))];
}

function claimRecords(section: Section, clusterId: string | null, cell: StoryCell, outlet: string): Record_[] {
  return cell.claims.map((c) => ({
    Section: section,
    "Cluster ID": clusterId,
    "Article ID": cell.articleId,
    Outlet: outlet,
    "Claim ID": c.id,
    Text: c.text,
    Claimant: c.claimant,
    Status: c.status,
    Verdict: c.verdict?.label ?? null,
    "Verdict rating": c.verdict?.rating ?? null,
    "Verdict state": c.verdict?.state ?? null,
  }));
}

/**
 * Records of the CSV in order: the story (when `header` names it), one per article (outlet, date, URL,
 * claim count, tone figures and highlighted words), one per claim of each aligned row (with its
 * cluster id), one per outlet-only claim, two per contradiction (one per side: value and quote, the
 * message on both), one per verdict of each verdict conflict, and the tone lexicon (name, version,
 * source, licence, URL). Loaded share is a ratio 0…1 rounded to 4 decimals.
 */
export function storyCsvRecords(c: StoryComparison, header: StoryExportHeader = {}): Record_[] {
  const outletOf = new Map(c.articles.map((a) => [a.id, a.outlet]));
  const outlet = (id: string) => outletOf.get(id) ?? "";
  const toneOf = new Map(c.tone.map((t) => [t.articleId, t]));
  const claimOf = new Map(c.aligned.flatMap((r) => r.cells.flatMap((cell) => cell.claims.map((x) => [x.id, x] as const))));
  const records: Record_[] = [];
  if (header.storyId || header.title) {
    records.push({ Section: "Story", Text: header.title ?? null, Message: header.storyId ? `Story ${header.storyId}` : null, Published: header.generatedAt ?? null });
  }
  for (const a of c.articles) {
    const tone = toneOf.get(a.id);
    records.push({
      Section: "Article",
      "Article ID": a.id,
      Outlet: a.outlet,
      Text: a.title,
      Published: a.publishedAt,
      URL: a.url,
      Claims: a.claimCount,
      Words: tone?.words ?? null,
      "Loaded words": tone?.loaded ?? null,
      "Loaded share": tone ? Math.round(tone.share * 10_000) / 10_000 : null,
      "Highlighted words": tone ? highlightedWords(tone).join(", ") : null,
    });
  }
  for (const row of c.aligned) for (const cell of row.cells) records.push(...claimRecords("Aligned claim", row.clusterId, cell, outlet(cell.articleId)));
  for (const cell of c.outletOnly) records.push(...claimRecords("Outlet-only claim", null, cell, outlet(cell.articleId)));
  for (const x of c.contradictions) {
    for (const side of [x.a, x.b]) {
      records.push({
        Section: "Contradiction",
        "Cluster ID": x.clusterId,
        "Article ID": side.articleId,
        Outlet: outlet(side.articleId),
        "Claim ID": side.claimId,
        Text: side.quote,
        Kind: x.kind,
        Value: side.value,
        Message: x.message,
      });
    }
  }
  for (const conflict of c.verdictConflicts) {
    for (const v of conflict.verdicts) {
      const claim = claimOf.get(v.claimId);
      records.push({
        Section: "Verdict conflict",
        "Cluster ID": conflict.clusterId,
        "Article ID": v.articleId,
        Outlet: outlet(v.articleId),
        "Claim ID": v.claimId,
        Text: claim?.text ?? null,
        Claimant: claim?.claimant ?? null,
        Status: claim?.status ?? null,
        Verdict: v.label,
        "Verdict rating": v.rating,
        "Verdict state": claim?.verdict?.id === v.verdictId ? claim.verdict.state : null,
      });
    }
  }
  const { lexicon } = c;
  records.push({ Section: "Tone lexicon", Text: `${lexicon.name} ${lexicon.version}`, Message: `${lexicon.source}; licence: ${lexicon.license}`, URL: lexicon.url });
  return records;
}

/** The whole comparison as a CSV file's text (byte-order mark, header, records; see the module comment). */
export function storyComparisonCsv(c: StoryComparison, header: StoryExportHeader = {}): string {
  const rows = storyCsvRecords(c, header).map((r) => STORY_CSV_COLUMNS.map((col) => neutralizeCsvCell(r[col] === null || r[col] === undefined ? "" : String(r[col]))));
  return `\uFEFF${stringify([[...STORY_CSV_COLUMNS], ...rows], CSV_OPTIONS)}`;
}

/** The JSON document's shape (see the module comment). */
export interface StoryComparisonDocument {
  format: typeof STORY_JSON_FORMAT;
  schemaVersion: typeof STORY_JSON_SCHEMA_VERSION;
  story: StoryExportHeader;
  articles: Omit<StoryComparison["articles"][number], "text">[];
  aligned: StoryComparison["aligned"];
  outletOnly: StoryComparison["outletOnly"];
  contradictions: StoryComparison["contradictions"];
  verdictConflicts: StoryComparison["verdictConflicts"];
  tone: StoryComparison["tone"];
  lexicon: StoryComparison["lexicon"];
}

/** The comparison as the JSON document's object (article texts dropped). */
export function storyComparisonDocument(c: StoryComparison, header: StoryExportHeader = {}): StoryComparisonDocument {
  return {
    format: STORY_JSON_FORMAT,
    schemaVersion: STORY_JSON_SCHEMA_VERSION,
    story: header,
    articles: c.articles.map(({ text: _text, ...rest }) => rest),
    aligned: c.aligned,
    outletOnly: c.outletOnly,
    contradictions: c.contradictions,
    verdictConflicts: c.verdictConflicts,
    tone: c.tone,
    lexicon: c.lexicon,
  };
}

/**
 * The comparison as a JSON file's text: the document indented by two spaces, U+2028/U+2029 escaped
 * (for readers that take them as line ends), a final line break.
 */
export function storyComparisonJson(c: StoryComparison, header: StoryExportHeader = {}): string {
  return `${escapeLineSeparators(JSON.stringify(storyComparisonDocument(c, header), null, 2))}\n`;
}

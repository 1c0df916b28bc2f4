/**
 * Stories (issue 18): the comparison of one story's articles and its CSV/JSON exports. The PDF
 * builder is imported from ./pdf (pdfkit and the fonts stay out of whoever only needs the rest).
 */
export * from "./types";
export { compareStory, FINAL_VERDICT_STATES } from "./compare";
export { findSourceCredits, primaryCredit, sameName } from "./attribution";
export type { SourceCredit, CreditStrength } from "./attribution";
export { compareValues } from "./values";
export {
  highlightedWords,
  storyComparisonCsv,
  storyComparisonDocument,
  storyComparisonJson,
  STORY_CSV_COLUMNS,
  STORY_CSV_SECTIONS,
  STORY_JSON_FORMAT,
  STORY_JSON_SCHEMA_VERSION,
} from "./export";
export type { StoryComparisonDocument, StoryExportHeader } from "./export";

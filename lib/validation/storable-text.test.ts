import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { importArticleSchema } from "./articles";
import { assignClaimSchema, proposeVerdictSchema } from "./claims";
import { addCommentSchema } from "./comments";
import { isSaneDate, isStorableText } from "./common";
import { addEvidenceSchema } from "./evidence";
import { createClaimFromSelectionSchema } from "./suggestions";

/** The fields a refused parse names, with their messages. */
function fieldErrors(schema: z.ZodType, input: unknown): Record<string, string[]> {
  const result = schema.safeParse(input);
  if (result.success) return {};
  const out: Record<string, string[]> = {};
  for (const issue of result.error.issues) (out[String(issue.path[0] ?? "")] ??= []).push(issue.message);
  return out;
}

const article = { title: "T", outlet: "O", text: "Some text." };
const evidence = { claimId: "clm_1", url: "https://example.org/", title: "T", publisher: "P", quote: "Q", stance: "SUPPORTS" };

describe("isStorableText", () => {
  it("accepts surrogate pairs, accents and controls other than NUL", () => {
    for (const ok of ["", "plain", "😀 emoji", "é e\u0301", "tab\tnew\nline", "\uFFFD"]) expect(isStorableText(ok), JSON.stringify(ok)).toBe(true);
  });
  it("refuses lone high and low surrogates, reversed pairs and NUL", () => {
    for (const bad of ["x\udfffy", "\ud83d", "end\ud83d", "\ude00\ud83d", "a\u0000b"]) expect(isStorableText(bad), JSON.stringify(bad)).toBe(false);
  });
});

describe("text fields refuse unstorable characters, naming the field", () => {
  it("article title, author and text", () => {
    expect(fieldErrors(importArticleSchema, { ...article, title: "x\udfffy" }).title?.[0]).toMatch(/Title contains a character that cannot be saved/);
    expect(fieldErrors(importArticleSchema, { ...article, title: "a\u0000b" }).title?.[0]).toMatch(/NUL/);
    expect(fieldErrors(importArticleSchema, { ...article, author: "\ud83d" }).author?.[0]).toMatch(/Author contains/);
    expect(fieldErrors(importArticleSchema, { ...article, text: "\ud83d" }).text?.[0]).toMatch(/Article text contains/);
    expect(importArticleSchema.safeParse({ ...article, title: "Emoji 😀 ok" }).success).toBe(true);
  });
  it("evidence, verdict rationale, comments and claim wording", () => {
    expect(Object.keys(fieldErrors(addEvidenceSchema, { ...evidence, quote: "q\u0000" }))).toEqual(["quote"]);
    expect(Object.keys(fieldErrors(addEvidenceSchema, { ...evidence, publisher: "\udc00" }))).toEqual(["publisher"]);
    expect(fieldErrors(proposeVerdictSchema, { claimId: "c1", expectedVersion: "1", rating: "false", rationale: "\ud83d" }).rationale?.[0]).toMatch(/Rationale contains/);
    expect(fieldErrors(addCommentSchema, { claimId: "c1", body: "hi\u0000" }).body?.[0]).toMatch(/comment contains/);
    expect(Object.keys(fieldErrors(createClaimFromSelectionSchema, { articleId: "a1", start: "0", end: "4", quote: "abcd", text: "x\ud800" }))).toEqual(["text"]);
  });
});

describe("dates are refused outside 1800–2199", () => {
  it("publishedAt", () => {
    expect(fieldErrors(importArticleSchema, { ...article, publishedAt: "275760-09-13" }).publishedAt?.[0]).toMatch(/between 1800 and 2199/);
    expect(fieldErrors(importArticleSchema, { ...article, publishedAt: "1066-10-14" }).publishedAt?.[0]).toMatch(/between 1800 and 2199/);
    expect(importArticleSchema.parse({ ...article, publishedAt: "2026-03-01" }).publishedAt?.toISOString()).toBe("2026-03-01T00:00:00.000Z");
  });
  it("due dates", () => {
    expect(fieldErrors(assignClaimSchema, { claimId: "c1", expectedVersion: "1", assigneeId: "u1", priority: "NORMAL", dueAt: "9999-12-31" }).dueAt?.[0]).toMatch(/between 1800 and 2199/);
  });
  it("isSaneDate bounds", () => {
    expect(isSaneDate(new Date("1800-01-01T00:00:00Z"))).toBe(true);
    expect(isSaneDate(new Date("2199-12-31T23:59:59Z"))).toBe(true);
    expect(isSaneDate(new Date("1799-12-31T23:59:59Z"))).toBe(false);
    expect(isSaneDate(new Date("2200-01-01T00:00:00Z"))).toBe(false);
    expect(isSaneDate(new Date(Number.NaN))).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { addEvidenceFormSchema, addEvidenceSchema, NO_EVIDENCE_URL, URL_OR_FILE_MESSAGE } from "./evidence";

const base = { claimId: "c1", title: "Memo", publisher: "Press office", quote: "A passage.", stance: "CONTEXT" };

describe("addEvidenceFormSchema (a URL, a file or both)", () => {
  it("accepts a file with no URL, storing the URL as the empty string", () => {
    expect(addEvidenceFormSchema.parse({ ...base, url: "   ", hasFile: "1" }).url).toBe(NO_EVIDENCE_URL);
    expect(addEvidenceFormSchema.parse({ ...base, hasFile: "1" }).url).toBe(NO_EVIDENCE_URL);
  });

  it("accepts a URL with or without a file, and still refuses a bad URL when a file is attached", () => {
    expect(addEvidenceFormSchema.parse({ ...base, url: " https://example.org/a " }).url).toBe("https://example.org/a");
    expect(addEvidenceFormSchema.parse({ ...base, url: "https://example.org/a", hasFile: "1" }).hasFile).toBe("1");
    expect(addEvidenceFormSchema.safeParse({ ...base, url: "javascript:alert(1)", hasFile: "1" }).success).toBe(false);
  });

  it("refuses neither URL nor file with one clear message on the URL field", () => {
    const result = addEvidenceFormSchema.safeParse({ ...base, url: "" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["url", URL_OR_FILE_MESSAGE]]);
    expect(addEvidenceFormSchema.safeParse({ ...base, url: "", hasFile: "yes" }).success).toBe(false);
  });

  it("keeps the URL required where no file can come with the request (REST API body)", () => {
    expect(addEvidenceSchema.safeParse({ ...base, url: "" }).success).toBe(false);
  });
});

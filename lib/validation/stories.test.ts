import { describe, expect, it } from "vitest";
import { createStorySchema, MAX_STORY_ARTICLES, resolveVerdictConflictSchema, splitStorySchema } from "./stories";

describe("story form schemas", () => {
  it("reads the ticked articles from one comma-separated field, blanks and repeats dropped", () => {
    expect(createStorySchema.parse({ title: " Pentagon ", articleIds: "a1, b2,,a1" })).toEqual({ title: "Pentagon", articleIds: ["a1", "b2"] });
    expect(createStorySchema.parse({ title: "T", articleIds: ["x", "y"] }).articleIds).toEqual(["x", "y"]);
  });

  it("refuses no article, too many, a malformed id and an unknown field, with a message", () => {
    const issue = (input: unknown) => splitStorySchema.safeParse(input).error?.issues[0]?.message;
    const base = { storyId: "s1", expectedVersion: "3", into: "NEW" };
    expect(issue({ ...base, articleIds: " , " })).toBe("Choose at least one article.");
    expect(issue({ ...base, articleIds: Array.from({ length: MAX_STORY_ARTICLES + 1 }, (_, i) => `a${i}`).join(",") })).toMatch(/at most 200/);
    expect(issue({ ...base, articleIds: "a1,b;2" })).toBe("Invalid id.");
    expect(issue({ ...base, articleIds: "a1", into: "ELSEWHERE" })).toBe("Choose where the articles go.");
    expect(splitStorySchema.safeParse({ ...base, articleIds: "a1", status: "CONFIRMED" }).success).toBe(false);
  });

  it("needs a note to explain a verdict conflict, and at least two verdicts", () => {
    const base = { storyId: "s1", expectedVersion: 2, clusterId: "c1", verdictIds: "v1,v2" };
    expect(resolveVerdictConflictSchema.safeParse({ ...base, resolution: "EXPLAINED", note: "  " }).error?.issues[0]?.message).toBe("Say why the verdicts differ.");
    expect(resolveVerdictConflictSchema.parse({ ...base, resolution: "ALIGNED" }).note).toBe("");
    expect(resolveVerdictConflictSchema.safeParse({ ...base, resolution: "ALIGNED", verdictIds: "v1" }).error?.issues[0]?.message).toBe("A verdict conflict has at least two verdicts.");
  });
});

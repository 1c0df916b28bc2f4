import { describe, expect, it } from "vitest";
import { cpSlice } from "../extraction/test-helpers";
import { findSourceCredits, primaryCredit, sameName } from "./attribution";

describe("findSourceCredits", () => {
  it("gives code-point spans, the phrase as written and the sentence around", () => {
    const text = "😀 Intro line.\nAs Politico revealed on Monday, the plan changed. Later text.";
    const [credit] = findSourceCredits(text);
    expect(credit).toMatchObject({ source: "Politico", strength: "REPORTED", phrase: "revealed", quote: "As Politico revealed on Monday, the plan changed." });
    expect(cpSlice(text, credit!.start, credit!.end)).toBe("Politico revealed");
  });

  it("keeps one credit, the strongest, where two patterns name the same source", () => {
    const credits = findSourceCredits("According to the Wall Street Journal, which first reported the shift, it happened.");
    expect(credits.map((c) => [c.source, c.strength, c.phrase])).toEqual([["The Wall Street Journal", "FIRST", "first reported"]]);
  });

  it("skips subjects that name nobody in particular", () => {
    expect(findSourceCredits("Officials reported no damage. Critics revealed little. It reported nothing.")).toEqual([]);
  });

  it("prefers a 'first' credit, then a report, then 'according to', earliest first", () => {
    const credits = findSourceCredits("According to DW, it froze. Reuters reported the ban. AP reported it too. The BBC broke the story.");
    expect(credits.map((c) => c.source)).toEqual(["DW", "Reuters", "AP", "The BBC"]);
    expect(primaryCredit(credits)?.source).toBe("The BBC");
    expect(primaryCredit(credits.slice(0, 3))?.source).toBe("Reuters");
    expect(primaryCredit([])).toBeNull();
  });

  it("finds every credit of a long text holding thousands", () => {
    const text = "Reuters reported it. ".repeat(5000);
    expect(findSourceCredits(text)).toHaveLength(5000);
  });
});

describe("sameName", () => {
  it.each([
    ["Hegseth", "Defense Secretary Pete Hegseth"],
    ["the Wall Street Journal", "The Wall Street Journal"],
    ["WSJ", "The Wall Street Journal"],
    ["Reuters", "Thomson Reuters"],
    ["Pentagon's", "the Pentagon"],
  ])("takes %j and %j as one", (a, b) => {
    expect(sameName(a, b)).toBe(true);
    expect(sameName(b, a)).toBe(true);
  });

  it.each([
    ["Reuters", "The Wall Street Journal"],
    ["Pete Hegseth", "Elbridge Colby"],
    ["AP", "Agence France-Presse"],
    ["", "Reuters"],
  ])("keeps %j and %j apart", (a, b) => {
    expect(sameName(a, b)).toBe(false);
  });
});

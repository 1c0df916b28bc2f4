import { describe, expect, it } from "vitest";
import { parseQuantities } from "./index";
import { cpSlice } from "./test-helpers";

function one(sentence: string, needle: string) {
  const q = parseQuantities(sentence).find((x) => x.text.includes(needle));
  if (!q) throw new Error(`no quantity containing "${needle}" in: ${sentence}`);
  return q;
}

describe("parseQuantities", () => {
  it("normalises an upper bound with a length unit and converts it", () => {
    const q = one("ATACMS, with ranges up to 190 miles, could be used.", "190");
    expect(q).toMatchObject({ text: "up to 190 miles", kind: "LENGTH", comparator: "<=", value: 190, unit: "mi" });
    expect(q.display).toBe("≤ 190 mi ≈ 305.8 km");
  });

  it("keeps the counted noun and the comparator for counts", () => {
    const q = one("More than 3,000 extended-range missiles have been approved for delivery.", "3,000");
    expect(q).toMatchObject({ kind: "COUNT", comparator: ">", value: 3000, unit: "missiles", display: "> 3,000 missiles" });
    expect(q.text).toBe("More than 3,000 extended-range missiles");
  });

  it("parses money with scale words and currency symbols", () => {
    const q = one("The plan costs $1.2 billion over ten years.", "$");
    expect(q).toMatchObject({ kind: "MONEY", value: 1.2e9, unit: "USD", comparator: "=" });
    expect(q.display).toBe("$1.2 billion");
    const e = one("They pledged at least €300 million in aid.", "€");
    expect(e).toMatchObject({ kind: "MONEY", value: 3e8, unit: "EUR", comparator: ">=" });
  });

  it("parses percentages and percentage points", () => {
    expect(one("Unemployment fell to 4.1% last year.", "4.1")).toMatchObject({ kind: "PERCENT", value: 4.1, unit: "%" });
    expect(one("Turnout rose by about 12 percent.", "12")).toMatchObject({ kind: "PERCENT", value: 12, comparator: "~" });
    expect(one("Support dropped 3 percentage points.", "3")).toMatchObject({ kind: "PERCENT", unit: "pp" });
  });

  it("parses dates with day, month or year precision", () => {
    const d = one("On August 24, 2025, Reuters reported the change.", "August");
    expect(d.kind).toBe("DATE");
    expect(d.display).toBe("2025-08-24");
    expect(d.value).toBe(Date.UTC(2025, 7, 24));
    expect(one("The law was passed in March 2019.", "March").display).toBe("2019-03");
    expect(one("My father gave me a small loan in 1975.", "1975")).toMatchObject({ kind: "DATE", display: "1975" });
  });

  it("parses durations through js-quantities", () => {
    const q = one("Each segment is 15 minutes long.", "15");
    expect(q).toMatchObject({ kind: "DURATION", value: 15, unit: "min" });
    expect(one("The war has lasted three years.", "three")).toMatchObject({ kind: "DURATION", value: 3, unit: "y" });
  });

  it("converts metric units to imperial in the display", () => {
    const q = one("The missile flies 300 km before impact.", "300");
    expect(q.unit).toBe("km");
    expect(q.display).toBe("300 km ≈ 186.4 mi");
  });

  it("skips identifiers, model numbers and ordinals", () => {
    expect(parseQuantities("Article 51 of the United Nations Charter applies.")).toEqual([]);
    expect(parseQuantities("Pilots flew F-16 jets on the 21st.")).toEqual([]);
  });

  it("offsets are code points relative to the article", () => {
    const article = "🚀🚀 Intro. More than 3,000 missiles were sent.";
    const sentenceStart = Array.from(article).indexOf("M");
    const sentence = cpSlice(article, sentenceStart, Array.from(article).length);
    const q = parseQuantities(sentence, sentenceStart)[0]!;
    expect(cpSlice(article, q.start, q.end)).toBe("More than 3,000 missiles");
  });
});

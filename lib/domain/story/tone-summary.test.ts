import { describe, expect, it } from "vitest";
import { formatShare, loadedWordCounts } from "./tone-summary";

const h = (word: string, score: number, start = 0) => ({ start, end: start + word.length, word, score });

describe("loadedWordCounts", () => {
  it("counts each word once whatever its case, strongest first, then most frequent, then alphabetical", () => {
    const counts = loadedWordCounts([h("approval", 2), h("Duplicity", -3), h("chokehold", -2), h("approval", 2, 40), h("duplicity", -3, 80), h("bold", 2)]);
    expect(counts).toEqual([
      { word: "duplicity", count: 2, score: -3 },
      { word: "approval", count: 2, score: 2 },
      { word: "bold", count: 1, score: 2 },
      { word: "chokehold", count: 1, score: -2 },
    ]);
  });

  it("is empty without highlights", () => {
    expect(loadedWordCounts([])).toEqual([]);
  });
});

describe("formatShare", () => {
  it("writes a ratio as a percentage with one decimal", () => {
    expect(formatShare(50 / 583)).toBe("8.6%");
    expect(formatShare(0)).toBe("0.0%");
    expect(formatShare(1)).toBe("100.0%");
  });
});

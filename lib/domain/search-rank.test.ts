import { describe, expect, it } from "vitest";
import { foldSearchText } from "./search-fold";
import { parseSearchQuery } from "./search-query";
import { rankSearchCandidates, termOccurrences } from "./search-rank";

const rank = (q: string, texts: [string, string, (string | null)?][]) =>
  rankSearchCandidates(parseSearchQuery(q), texts.map(([id, text, claimant]) => ({ id, text: foldSearchText(text), claimant: claimant ? foldSearchText(claimant) : null })));

describe("rankSearchCandidates", () => {
  it("counts words, phrases and prefixes as the databases match them", () => {
    const words = ["extended", "range", "missiles", "range", "missile"];
    expect(termOccurrences(words, { words: ["range"], prefix: false, exclude: false })).toBe(2);
    expect(termOccurrences(words, { words: ["extended", "range"], prefix: false, exclude: false })).toBe(1);
    expect(termOccurrences(words, { words: ["range", "extended"], prefix: false, exclude: false })).toBe(0);
    expect(termOccurrences(words, { words: ["missil"], prefix: true, exclude: false })).toBe(2);
    expect(termOccurrences(words, { words: ["missil"], prefix: false, exclude: false })).toBe(0);
    expect(termOccurrences(words, { words: ["range", "missil"], prefix: true, exclude: false })).toBe(2);
  });

  it("puts more occurrences first, a short claim before a long one with as many, the text before the claimant", () => {
    expect(rank("drones", [["weak", "A long report on the budget, the harvest, the weather and, once, on drones over the border"], ["strong", "Drones, drones and more drones"]])).toEqual(["strong", "weak"]);
    expect(rank("drones", [["long", "Drones flew over the harbour, the bridge, the station and the old market"], ["short", "Drones flew"]])).toEqual(["short", "long"]);
    expect(rank("ministry", [["claimant", "The budget grew", "Ministry of Finance"], ["text", "The ministry said the budget grew", "Agency"]])).toEqual(["text", "claimant"]);
    // Every term to look for scores; an exclusion does not.
    expect(rank("port storm -ferry", [["one", "The port reopened"], ["both", "The port reopened after the storm"]])).toEqual(["both", "one"]);
    expect(rank('"air base"', [["apart", "The base of the air force"], ["phrase", "The air base was hit"]])).toEqual(["phrase", "apart"]);
  });

  it("keeps the candidates' own order (newest first) between equal scores, and ranks nothing to nothing", () => {
    expect(rank("port", [["newer", "The port opened"], ["older", "The port closed"]])).toEqual(["newer", "older"]);
    expect(rank("port", [])).toEqual([]);
  });
});

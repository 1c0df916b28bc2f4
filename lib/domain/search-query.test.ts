import { describe, expect, it } from "vitest";
import { MAX_SEARCH_TERMS, parseSearchQuery, toFts5Match, toTsQuery } from "./search-query";

const both = (q: string) => {
  const parsed = parseSearchQuery(q);
  return { fts: toFts5Match(parsed), ts: toTsQuery(parsed) };
};

describe("the search query language", () => {
  it("ANDs plain words, case-insensitively", () => {
    expect(both("Missiles  Ukraine")).toEqual({ fts: '"missiles" AND "ukraine"', ts: "'missiles' & 'ukraine'" });
  });

  it("keeps a quoted phrase together and in order", () => {
    expect(both('"extended range" missiles')).toEqual({ fts: '"extended range" AND "missiles"', ts: "('extended' <-> 'range') & 'missiles'" });
  });

  it("leaves out excluded words and phrases", () => {
    expect(both('missiles -ukraine -"air base"')).toEqual({
      fts: '("missiles") NOT "ukraine" NOT "air base"',
      ts: "'missiles' & !'ukraine' & !('air' <-> 'base')",
    });
  });

  it("reads word* as a prefix, but not a one-letter one nor a star inside quotes", () => {
    expect(both("miss*")).toEqual({ fts: '"miss"*', ts: "'miss':*" });
    expect(both("m*")).toEqual({ fts: '"m"', ts: "'m'" });
    expect(both('"miss*"')).toEqual({ fts: '"miss"', ts: "'miss'" });
  });

  it("turns a token that splits into words into a phrase, as both tokenizers split it", () => {
    expect(both("COVID-19 3,000")).toEqual({ fts: '"covid 19" AND "3 000"', ts: "('covid' <-> '19') & ('3' <-> '000')" });
  });

  it("folds the words as stored claims are folded: marks of Devanagari stay, Hebrew points go", () => {
    expect(both("नमस्ते प्रधान*")).toEqual({ fts: '"नमस्ते" AND "प्रधान"*', ts: "'नमस्ते' & 'प्रधान':*" });
    expect(both("שָׁלוֹם")).toEqual({ fts: '"שלום"', ts: "'שלום'" });
    expect(both("İstanbul ΟΔΟΣ Straß*")).toEqual({ fts: '"istanbul" AND "οδοσ" AND "strass"*', ts: "'istanbul' & 'οδοσ' & 'strass':*" });
  });

  it("reads a token of a script without spaces as the phrase of its words, and fullwidth operators as operators", () => {
    expect(both("经济")).toEqual({ fts: '"经 济"', ts: "('经' <-> '济')" });
    expect(both("＂ＡＩＲ　ＢＡＳＥ＂ －ｋｙｉｖ ｍｉｓｓ＊")).toEqual({
      fts: '("air base" AND "miss"*) NOT "kyiv"',
      ts: "('air' <-> 'base') & 'miss':* & !'kyiv'",
    });
  });

  it("never lets operators or quotes of either database through", () => {
    for (const hostile of ['"', "*", "NEAR(", "OR", "'", "a OR b", "NOT x", "x AND", "a:b", "'; DROP TABLE \"Claim\"; --", "(((", "^a", "a & !b | c", "\\"]) {
      const { fts, ts } = both(hostile);
      if (fts !== null) expect(fts).toMatch(/^(\(?"[\p{L}\p{N} ]+"\*?( AND "[\p{L}\p{N} ]+"\*?)*\)?)( NOT "[\p{L}\p{N} ]+"\*?)*$/u);
      const lexeme = "'[\\p{L}\\p{N}]+'(?::\\*)?";
      const term = `!?(?:${lexeme}|\\(${lexeme}(?: <-> ${lexeme})+\\))`;
      if (ts !== null) expect(ts).toMatch(new RegExp(`^${term}(?: & ${term})*$`, "u"));
    }
    expect(both('"')).toEqual({ fts: null, ts: null });
    expect(both("*")).toEqual({ fts: null, ts: null });
    expect(both("NEAR(")).toEqual({ fts: '"near"', ts: "'near'" });
    expect(both("OR")).toEqual({ fts: '"or"', ts: "'or'" });
    expect(both("it's")).toEqual({ fts: '"it s"', ts: "('it' <-> 's')" });
  });

  it("quotes an unclosed phrase to the end, and reads exclusions alone as words", () => {
    expect(both('"air base')).toEqual({ fts: '"air base"', ts: "('air' <-> 'base')" });
    expect(both("-ukraine")).toEqual({ fts: '"ukraine"', ts: "'ukraine'" });
  });

  it(`keeps at most ${MAX_SEARCH_TERMS} distinct terms`, () => {
    const parsed = parseSearchQuery("a b c d e f g h i j a");
    expect(parsed.terms).toHaveLength(MAX_SEARCH_TERMS);
    expect(parseSearchQuery("war war WAR").terms).toHaveLength(1);
  });
});

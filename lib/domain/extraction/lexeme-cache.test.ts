import { describe, expect, it } from "vitest";
import { analyze, getNlp } from "./nlp";

/** What wink itself says for every non-blank token of `text`, one its pass per field. */
function winkTokens(text: string): { value: string; normal: string; lemma: string; pos: string; type: string }[] {
  const nlp = getNlp();
  const its = nlp.its;
  const toks = nlp.readDoc(text).tokens();
  const value = toks.out() as string[];
  const normal = toks.out(its.normal) as string[];
  const lemma = toks.out(its.lemma as never) as unknown as string[];
  const pos = toks.out(its.pos) as string[];
  const type = toks.out(its.type) as string[];
  return value
    .map((v, i) => ({ value: v, normal: normal[i]!, lemma: lemma[i]!.toLowerCase(), pos: pos[i]!, type: type[i]! }))
    .filter((t) => t.value.trim() !== "");
}

describe("analysis tokens from the per-process lexeme records", () => {
  it("match wink token by token across contractions and words met again under another tag", () => {
    // "do" alone and inside "don't"/"doesn't"; "'s" as "is" and as a possessive; "saw"/"close" as
    // noun and verb: a record keyed on the lexeme alone, or reused for contraction parts, would differ.
    const texts = [
      "I do not know. I don't know. She doesn't know. Do it.",
      "It's late and the minister's plan is late. He's gone; he's said it's done.",
      "We saw the saw. They close the close race. I can't and won't. Y'all'd've known.",
      "I do not know. I don't know. She doesn't know. Do it.", // again, now from the records
    ];
    for (const text of texts) {
      const mine = analyze(text).tokens.map((t) => ({ value: t.value, normal: t.normal, lemma: t.lemma, pos: t.pos, type: t.type }));
      expect(mine).toEqual(winkTokens(text));
    }
  });

  it("keeps offsets and flags per occurrence while records are shared", () => {
    const text = "Prices did not rise.\nPrices rise.";
    const a = analyze(text);
    const prices = a.tokens.filter((t) => t.value === "Prices");
    expect(prices.map((t) => text.slice(t.start, t.end))).toEqual(["Prices", "Prices"]);
    expect(prices.map((t) => t.newlineBefore)).toEqual([false, true]);
    expect(prices[0]!.lexeme).toBe(prices[1]!.lexeme);
    const rise = a.tokens.filter((t) => t.value === "rise");
    expect(rise.map((t) => t.negated)).toEqual([true, false]);
  });
});

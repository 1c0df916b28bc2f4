import { describe, expect, it } from "vitest";
import { foldSearchText, foldSearchWords, isOlderSearchFold, MAX_WORD_CODE_POINTS, searchFoldKey } from "./search-fold";

/** Two spellings a fact-checker may type or a claim may hold, which must fold to the same words. */
const SAME: [string, string, string][] = [
  ["Latin diacritics", "Zürich café naïve ÉTAT", "zurich cafe naive etat"],
  ["Latin letters with a stroke", "Łódź Ærøskøbing Đorđe þing", "lodz aeroskobing dorde thing"],
  ["Vietnamese tones", "Việt Nam", "viet nam"],
  ["Greek final sigma and capitals", "ΟΔΟΣ", "οδος"],
  ["Greek accents", "Αθήνα", "αθηνα"],
  ["Greek dialytika", "Ϊ ϊ ΐ", "ι ι ι"],
  ["Cyrillic case", "МОСКВА", "москва"],
  ["Russian yo", "ЕЩЁ ещё", "еще еще"],
  ["Turkish dotted capital I", "İSTANBUL", "istanbul"],
  ["Turkish dotless i", "ıstanbul", "Istanbul"],
  ["German sharp s", "Straße STRAẞE", "strasse strasse"],
  ["ligatures", "ﬁnance ﬂight oﬀ", "finance flight off"],
  ["fullwidth", "Ｆｕｌｌｗｉｄｔｈ　１２３", "fullwidth 123"],
  ["superscripts", "CO₂ x²", "co2 x2"],
  ["fractions", "½ cup", "1/2 cup"],
  ["circled and keycap numbers", "① ⑫ 1️⃣", "1 12 1"],
  ["Roman numerals", "Ⅻ", "xii"],
  ["digits of other scripts", "٢٠٢٤ ۲۰۲۴ २०२४ ๒๕๖๗ ১৯৭১", "2024 2024 2024 2567 1971"],
  ["Arabic harakat", "قَالَ الوَزِيرُ", "قال الوزير"],
  ["Arabic tatweel", "الــــوزير", "الوزير"],
  ["Arabic hamza on alef", "أحمد إسلام آمن", "احمد اسلام امن"],
  ["Arabic presentation forms", "ﻻ", "لا"],
  ["Hebrew niqqud", "שָׁלוֹם הַשַּׂר", "שלום השר"],
  ["soft hyphen inside a word", "fact\u00ADcheck", "factcheck"],
  ["zero-width joiner and non-joiner inside a word", "zero\u200Dwidth نمی\u200Cخواهم", "zerowidth نمیخواهم"],
  ["zero-width space between words", "ราคา\u200Bน้ำมัน a\u200Bb", "ราคา น้ำมัน a b"],
  ["word joiner and bidi marks", "a\u2060b \u200Fc\u202Ed", "ab cd"],
  ["emoji variation selector and skin tone", "❤️ 👍🏽", "❤ 👍"],
  ["emoji sequences", "👨‍👩‍👧", "👨👩👧"],
  ["CJK: a run is the phrase of its characters", "中国经济", "中 国 经 济"],
  ["Japanese voicing marks compose", "か\u3099", "が"],
  ["Hangul jamo compose", "\u1112\u1161\u11AB", "한"],
  ["percent signs", "3.5% ٢٠٪ 7％", "3.5 percent 20 percent 7 percent"],
  ["punctuation separates", "U.S.-led, covid-19", "u s led covid 19"],
];

/** Spellings that must stay apart: the marks that are letters in their script, different letters. */
const APART: [string, string, string][] = [
  ["Devanagari vowel signs are letters", "नमस्ते", "नमसत"],
  ["Devanagari virama", "प्रधान", "परधान"],
  ["Thai vowels and tones", "เพิ่ม", "เพม"],
  ["Japanese voicing marks", "が", "か"],
  ["Cyrillic short i", "мой", "мои"],
  ["Ukrainian yi", "її", "ii"],
  ["Arabic letters", "ة", "ه"],
  ["distinct emoji", "👍", "👎"],
];

describe("foldSearchWords", () => {
  it.each(SAME)("folds %s alike", (_, a, b) => {
    expect(foldSearchText(a)).toBe(foldSearchText(b));
    expect(foldSearchText(a).length).toBeGreaterThan(0);
  });

  it.each(APART)("keeps %s apart", (_, a, b) => {
    expect(foldSearchText(a)).not.toBe(foldSearchText(b));
  });

  it("gives the folded words themselves", () => {
    expect(foldSearchWords("ΟΔΟΣ İstanbul Straße ½ x² ①")).toEqual(["οδοσ", "istanbul", "strasse", "1", "2", "x2", "1"]);
    expect(foldSearchWords("中国经济增长")).toEqual(["中", "国", "经", "济", "增", "长"]);
    expect(foldSearchWords("🇺🇦 👍🏽")).toEqual(["🇺", "🇦", "👍"]);
    expect(foldSearchWords("、。「」 — … ?! ")).toEqual([]);
  });

  it("splits Thai, Lao, Khmer and Myanmar runs into words (the same way in a claim and in a query)", () => {
    const claim = foldSearchWords("นายกรัฐมนตรีกล่าวว่า งบประมาณ เพิ่มขึ้น");
    expect(claim.length).toBeGreaterThan(3);
    for (const query of ["กล่าว", "รัฐมนตรี", "งบประมาณ"]) {
      const words = foldSearchWords(query);
      const at = claim.findIndex((_, i) => words.every((w, j) => claim[i + j] === w));
      expect(at, query).toBeGreaterThanOrEqual(0);
    }
  });

  it("leaves no character a database tokenizer or LIKE would read as syntax or split at", () => {
    const words = foldSearchWords(`it's "quoted" 100% a_b back\\slash (x) [y] {z} <a> @#$^&*+=|~\`;:,./?!¡¿ «»„“”‘’ — – · • © ® ™`);
    for (const w of words) expect(w).toMatch(/^[^\s'"%_\\()*:&|!<>-]+$/u);
    for (const w of words) expect(w).not.toMatch(/[A-Z]/);
  });

  it("cuts a very long word to MAX_WORD_CODE_POINTS code points, the same way for the query", () => {
    const long = "𝔸".repeat(MAX_WORD_CODE_POINTS + 50);
    const [word] = foldSearchWords(long);
    expect([...word!]).toHaveLength(MAX_WORD_CODE_POINTS);
    expect(foldSearchWords(long.slice(0, 2 * (MAX_WORD_CODE_POINTS + 10)))).toEqual([word]);
  });

  it("names its version and the ICU data its segmentation reads", () => {
    expect(searchFoldKey()).toMatch(/^\d+\/icu-/);
  });
});

/**
 * Tricky text from many scripts: compatibility forms that hold an invisible character once
 * normalised (Arabic presentation forms with a tatweel), invisibles between a letter and its mark,
 * ligatures, fullwidth, circled and superscript forms, unspaced scripts, emoji.
 */
const TRICKY: string[] = [
  "قﹱل", // U+FE71: tatweel with fathatan above (NFKC: U+0640 U+064B)
  "ﹷﹹﹻﹽﹿ مـــرحبا", // medial presentation forms, each a tatweel with a mark once normalised
  "ﷺ ﷽ ﻻ ﻼ", // Arabic ligatures
  "الوَزِيرُ ٣٫٥٪",
  "ﬁnance ﬂow ﬀ ﬃ Ｆｕｌｌ－ｗｉｄｔｈ ５０％",
  "x² H₂O ½ ① ㉑ ㎏ ㍱ ℡ ™",
  "ᄀ\u200D\u1161 한국어 ｶﾞ ｷﾞｬ 经济 ㈱",
  "İstanbul ISTANBUL ıstanbul Straße ẞ ΟΔΟΣ ΐ ϓ ϔ ϐ ϑ",
  "e\u00AD\u0301te\u200C\u0308 a\u034F\u0301",
  "שָׁלוֹם ﬠﬡ ﬩ שׁ",
  "ภาษาไทย\u200Bง่าย ພາສາລາວ ភាសាខ្មែរ မြန်မာ",
  "हिन्दी क़ ॐ ৎ ੴ",
  "Ǆemal ǅ ǆ Ǳ ĳ Ŀ ŉ ſt ﬅ",
  "1️⃣ Ⓐ 👍🏽 🇫🇷 👨‍👩‍👧",
  "\u2126 \u212A \u212B Å Ω K",
  "\u0F77 \u0F79 ཱུ ྲྀ",
  "ﾟ ﾞ ゛゜ か\u3099",
  "ㅤ\u3164 \u115F\u1160 \uFFA0",
];

describe("foldSearchWords on tricky text", () => {
  it.each(TRICKY)("is idempotent: folding the folded words again changes nothing (%s)", (text) => {
    const once = foldSearchText(text);
    expect(foldSearchText(once)).toBe(once);
  });

  it.each(TRICKY)("folds the NFKC form of the text as the text itself, as a query is folded (%s)", (text) => {
    expect(foldSearchText(text.normalize("NFKC"))).toBe(foldSearchText(text));
    expect(foldSearchText(text.normalize("NFD"))).toBe(foldSearchText(text));
  });

  it("folds an Arabic presentation form holding a tatweel as its letters", () => {
    expect(foldSearchText("قﹱل")).toBe("قل");
  });
});

describe("isOlderSearchFold", () => {
  it.each([
    [null, "1/icu-78.2", true],
    ["garbled", "1/icu-78.2", true],
    ["0/icu-99.0", "1/icu-78.2", true],
    ["1/icu-77.1", "1/icu-78.2", true],
    ["1/icu-78.2", "1/icu-78.10", true],
    ["1/icu-78", "1/icu-78.1", true],
    ["1/icu-78.2", "1/icu-78.2", false],
    ["1/icu-78.10", "1/icu-78.2", false],
    ["1/icu-79.1", "1/icu-78.2", false],
    ["2/icu-70.1", "1/icu-78.2", false],
  ] as const)("recorded %s, running %s: older %s", (recorded, current, older) => {
    expect(isOlderSearchFold(recorded, current)).toBe(older);
  });

  it("reads this instance's own key as not older", () => {
    expect(isOlderSearchFold(searchFoldKey())).toBe(false);
  });
});

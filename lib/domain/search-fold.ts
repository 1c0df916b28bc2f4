/**
 * The one definition of how text is folded for search: a claim's text and claimant when they are
 * stored (Claim.searchText, Claim.claimantSearch) and every query typed by a fact-checker go through
 * `foldSearchWords`, so two spellings of a word meet in one folded word, and the databases'
 * tokenizers only ever see folded words separated by single spaces (SQLite's FTS5 "ascii" tokenizer
 * and PostgreSQL's tsvector built word by word, migration 202612080003_search_fold: neither splits,
 * folds or drops anything of a folded word). Pure; no I/O.
 *
 * The steps, in order (code points throughout):
 * 1. Invisible characters go: default-ignorable code points (Unicode's Default_Ignorable_Code_Point:
 *    soft hyphen, zero-width joiner and non-joiner, word joiner, variation selectors, bidi controls,
 *    tag characters), the Arabic tatweel (U+0640), emoji skin-tone modifiers and enclosing marks
 *    (the keycap and circle of `1️⃣`, `Ⓐ`-style combining circles). A zero-width space (U+200B) is
 *    a word break (it marks one in Thai and Khmer text), so it becomes a space.
 * 2. Compatibility forms (NFKC), then step 1 again on what they became (the Arabic presentation form
 *    `ﹱ` is a tatweel with fathatan, so a claim `قﹱل` folds as `قل` and as its NFKC form does): ligatures (`ﬁ` → `fi`), fullwidth (`Ｆｕｌｌ` → `full`),
 *    superscripts (`x²` → `x2`), fractions (`½` → `1⁄2`, two words), circled numbers (`①` → `1`).
 *    A percent sign (`%`, `％`, Arabic `٪`) is the word `percent` (so `3.5%` finds "3.5 percent").
 * 3. Case: lower case, then the full case folding JavaScript's toLowerCase leaves out:
 *    `ß`/`ẞ` → `ss`, Greek final sigma `ς` → `σ`; Turkish `İ` becomes `i` (its dot goes in step 4)
 *    and dotless `ı` becomes `i`, so `İstanbul`, `ISTANBUL`, `ıstanbul` and `istanbul` meet.
 * 4. Accents: the combining marks on Latin, Greek, Hebrew and Arabic letters are dropped (`é` → `e`,
 *    `ά` → `α`, Hebrew points `שָׁלוֹם` → `שלום`, Arabic harakat `الوَزِيرُ` → `الوزير`, hamza on alef
 *    `أ` → `ا`); Latin letters that carry their stroke inside (`ł ø đ ð ħ ŧ`) and the ligatures
 *    `æ œ þ` are spelled out; Russian `ё` → `е`. Marks of other scripts are letters there and stay
 *    (Devanagari vowel signs and virama, Thai vowels and tones, Japanese voicing marks, Cyrillic `й`).
 * 5. Digits of every script (Unicode Nd: `٣`, `३`, `๓`) become ASCII digits.
 * 6. Words: a word is a run of letters, marks, digits and private-use characters (Unicode L, M, N,
 *    Co); everything else separates words. Han, kana and Hangul characters are one word each (those
 *    scripts do not put spaces between words, so a query `经济` is the phrase `经 济` and finds it
 *    anywhere); emoji and flag letters are one word each; Thai, Lao, Khmer and Myanmar runs are split
 *    into words by the ICU dictionary of Intl.Segmenter (their writing puts no space between words).
 *    A word keeps at most MAX_WORD_CODE_POINTS code points (PostgreSQL refuses a lexeme over 2,047
 *    bytes; the query's words are cut the same way, so they still match).
 *
 * The segmentation of step 6 follows the ICU data of the running Node.js: `searchFoldKey()` names the
 * fold version and that ICU version, and lib/server/search-refold.ts re-folds the stored claims when
 * it changes.
 */

/** Bump when the fold's result changes for any text: stored claims are then folded again (search-refold.ts). */
export const SEARCH_FOLD_VERSION = 1;

/** The longest folded word kept, in code points (4 UTF-8 bytes at most each: far below PostgreSQL's 2,047-byte lexeme limit). */
export const MAX_WORD_CODE_POINTS = 255;

/** The fold's version and the ICU data its word segmentation reads, e.g. "1/icu-78.2". */
export function searchFoldKey(): string {
  return `${SEARCH_FOLD_VERSION}/icu-${process.versions.icu ?? "none"}`;
}

/** A fold key's parts: the fold version and the ICU version's numbers (`[78, 2]`); null when it is not a key. */
function parseFoldKey(key: string): { version: number; icu: number[] } | null {
  const match = /^(\d+)\/icu-([\d.]+)$/.exec(key);
  if (!match) return null;
  return { version: Number(match[1]), icu: match[2]!.split(".").map(Number) };
}

/**
 * True when the claims' stored words, folded under the key `recorded` (searchFoldKey() of the instance
 * that wrote them; null when none is recorded), are older than this fold (`current`): a lower fold
 * version, or the same version with an older ICU (compared number by number, `78.2` < `78.10`). A
 * missing or unreadable key is older. A newer or equal key is not: an instance on an older Node.js
 * never folds back what a newer one wrote (two instances on different ICU data would otherwise
 * refold every claim at each start, overwriting each other's key).
 */
export function isOlderSearchFold(recorded: string | null, current: string = searchFoldKey()): boolean {
  const now = parseFoldKey(current);
  const then = recorded === null ? null : parseFoldKey(recorded);
  if (!now) return false;
  if (!then) return true;
  if (then.version !== now.version) return then.version < now.version;
  for (let i = 0; i < Math.max(then.icu.length, now.icu.length); i++) {
    const a = then.icu[i] ?? 0;
    const b = now.icu[i] ?? 0;
    if (a !== b) return a < b;
  }
  return false;
}

const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\u0640\p{Emoji_Modifier}\p{Me}]/gu;
const ZERO_WIDTH_SPACE = /\u200B/g;
const PERCENT = /[%\u066A]/g;
/** Letters whose fold toLowerCase and the decomposition do not give (step 3 and 4). */
const SPELLED: Record<string, string> = {
  ß: "ss",
  ς: "σ",
  ı: "i",
  ё: "е",
  ł: "l",
  ø: "o",
  đ: "d",
  ð: "d",
  ħ: "h",
  ŧ: "t",
  æ: "ae",
  œ: "oe",
  þ: "th",
};
const SPELLED_RE = new RegExp(`[${Object.keys(SPELLED).join("")}]`, "gu");
/** A Latin, Greek, Hebrew or Arabic base letter with the combining marks after it (decomposed text). */
const ACCENTED = /([\p{sc=Latin}\p{sc=Greek}\p{sc=Hebrew}\p{sc=Arabic}])\p{Mn}+/gu;
const DIGIT = /\p{Nd}/u;
const NON_ASCII_DIGIT = /[^\P{Nd}0-9]/gu;
/** One word: a run of word characters, or a single character of a script written without spaces, or an emoji. */
const WORD_PIECE =
  /(?=[\p{L}\p{N}])[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}\p{scx=Bopomofo}]\p{M}*|[\p{Extended_Pictographic}\p{Regional_Indicator}]\p{M}*|(?:(?![\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}\p{scx=Bopomofo}])[\p{L}\p{M}\p{N}\p{Co}])+/gu;
const UNSPACED_SCRIPT = /[\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;

const digitCache = new Map<string, string>();
/**
 * The ASCII digit of a decimal digit of any script. Unicode encodes decimal digits (Nd) in runs of
 * ten from 0 to 9 (its stability policy), runs possibly back to back, so the digit's value is its
 * distance from the run's start modulo 10 (at most 60 steps back: the longest run is 50).
 */
function asciiDigit(ch: string): string {
  const known = digitCache.get(ch);
  if (known !== undefined) return known;
  const cp = ch.codePointAt(0)!;
  let start = cp;
  for (let steps = 0; steps < 60 && DIGIT.test(String.fromCodePoint(start - 1)); steps++) start--;
  const digit = String((cp - start) % 10);
  digitCache.set(ch, digit);
  return digit;
}

let segmenter: Intl.Segmenter | undefined;
/** A Thai, Lao, Khmer or Myanmar run split into its words (ICU's dictionaries). */
function segmentUnspaced(run: string): string[] {
  segmenter ??= new Intl.Segmenter("th", { granularity: "word" });
  const words: string[] = [];
  for (const s of segmenter.segment(run)) words.push(s.segment);
  return words;
}

const cut = (word: string) => (word.length <= MAX_WORD_CODE_POINTS ? word : [...word].slice(0, MAX_WORD_CODE_POINTS).join(""));

/**
 * The folded words of `text`, in order (see the module comment for the rule). Idempotent, and the
 * same for `text` and its NFKC or NFD form (the query's NFKC form, lib/domain/search-query.ts). Every word is non-empty,
 * has no space, quote, backslash, `%` or `_`, and is at most MAX_WORD_CODE_POINTS code points long.
 * Never throws.
 */
export function foldSearchWords(text: string): string[] {
  const folded = text
    .replace(ZERO_WIDTH_SPACE, " ")
    .replace(INVISIBLE, "")
    .normalize("NFKC")
    // Again: a compatibility form may hold one (Arabic `ﹱ` is a tatweel with fathatan once normalised).
    .replace(INVISIBLE, "")
    .replace(PERCENT, " percent ")
    .toLowerCase()
    .replace(SPELLED_RE, (ch) => SPELLED[ch]!)
    .normalize("NFD")
    .replace(ACCENTED, "$1")
    .normalize("NFC")
    .replace(NON_ASCII_DIGIT, asciiDigit);
  const words: string[] = [];
  for (const [piece] of folded.matchAll(WORD_PIECE)) {
    if (UNSPACED_SCRIPT.test(piece)) for (const w of segmentUnspaced(piece)) words.push(cut(w));
    else words.push(cut(piece));
  }
  return words;
}

/** The folded words of `text` joined by single spaces: the form stored in Claim.searchText and Claim.claimantSearch. */
export function foldSearchText(text: string): string {
  return foldSearchWords(text).join(" ");
}

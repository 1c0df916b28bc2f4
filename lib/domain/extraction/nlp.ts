/**
 * Thin wrapper around wink-nlp: a lazily loaded singleton and a flat,
 * array-based analysis of a text (tokens with UTF-16 offsets, sentence
 * ranges split at line breaks, entities).
 */
import winkNLP, { type WinkMethods, type Document, type ItsFunction } from "wink-nlp";
import model from "wink-eng-lite-web-model";
import { isUnitBreak } from "./line-wrap";

let instance: WinkMethods | null = null;

/**
 * The wink-nlp pipes the extractor needs: sentence boundaries, negation, POS
 * tags and (numeric) entities. The default pipeline's sentiment and
 * custom-entity passes are not used, so they are left out.
 */
export const PIPE = ["sbd", "negation", "pos", "ner"];

/** The wink-nlp instance, loaded once per process. */
export function getNlp(): WinkMethods {
  if (instance === null) instance = winkNLP(model, PIPE);
  return instance;
}

export interface Token {
  /** Surface form as in the input. */
  value: string;
  /** Lower-cased, wink-normalised form. */
  normal: string;
  /** Lower-cased lemma. */
  lemma: string;
  /** Universal POS tag from wink. */
  pos: string;
  /** wink token type: word, number, punctuation, emoji, currency, symbol… */
  type: string;
  /** Negation flag set by wink's negation pipe. */
  negated: boolean;
  /** UTF-16 offsets into the analysed text. */
  start: number;
  end: number;
  /** True when a line break precedes this token. */
  newlineBefore: boolean;
  /** The shared record of this token's lexeme and tag (value, normal, lemma, pos and type as above). */
  lexeme: Lexeme;
}

export interface EntitySpan {
  /** wink entity type: CARDINAL, DATE, MONEY, PERCENT, ORDINAL, DURATION, TIME, … */
  type: string;
  value: string;
  /** Token index range [t0, t1). */
  t0: number;
  t1: number;
}

export interface SentenceRange {
  /** Token index range [t0, t1). */
  t0: number;
  t1: number;
  /** UTF-16 offsets (trimmed to the first/last token). */
  start: number;
  end: number;
}

/**
 * What wink-nlp says about one lexeme in one POS role — the same in every document, so it is read
 * from wink once per process and shared by every token of that lexeme and tag.
 */
export interface Lexeme {
  /** Surface form. */
  value: string;
  /** wink token type. */
  type: string;
  /** Lower-cased, wink-normalised form. */
  normal: string;
  /** Lower-cased lemma. */
  lemma: string;
  /** Universal POS tag. */
  pos: string;
  /** White space only (wink's "tabCRLF" tokens): dropped from the analysis. */
  blank: boolean;
  /** A blank token holding a line break. */
  lineBreak: boolean;
  /** Slots the feature code fills once with flags computed from the fields above (−1 until then). */
  cueFlags: number;
  shapeFlags: number;
  /** The ranker's word id of `normal` (−1: not in its vocabulary), valid for the index `ngramOwner`. */
  ngramWord: number;
  ngramOwner: object | null;
}

/**
 * Per-process cache of Lexeme records: `lexemes[uniqueId][tag index]`. wink's uniqueId is an index
 * into its own lexicon cache (dense, and it keeps every lexeme the process has read), so the outer
 * array has one slot per lexeme wink already keeps (ids from LEXEME_CACHE_MAX on are not cached).
 */
const lexemes: (Lexeme[] | undefined)[] = [];
const LEXEME_CACHE_MAX = 2_000_000;
/** Index of each POS tag met (wink's tag set has 17; indexes stay below 32). */
const posIndex = new Map<string, number>();

/**
 * The Lexeme of wink token `i` (uniqueId `id`, tag `pos`): its.value / its.type / its.normal /
 * its.lemma (lower-cased) as wink gives them, read from wink on first sight. Tokens of a
 * contraction's expansion ("do" + "n't") carry their own normal and lemma, so they get a record of
 * their own each time.
 */
function lexemeOf(toks: ReturnType<Document["tokens"]>, i: number, id: number, pos: string, contracted: boolean): Lexeme {
  let p = posIndex.get(pos);
  if (p === undefined && posIndex.size < 32) posIndex.set(pos, (p = posIndex.size));
  const tag = p ?? -1;
  const cacheable = tag >= 0 && !contracted && id >= 0 && id < LEXEME_CACHE_MAX;
  let lex = cacheable ? lexemes[id]?.[tag] : undefined;
  if (lex === undefined) {
    const its = getNlp().its;
    const item = toks.itemAt(i);
    const value = item.out(its.value);
    // isSpace is exactly the set `trim` removes, so a token starting with anything else is not blank.
    const blank = value.length === 0 || (isSpace(value.charCodeAt(0)) && value.trim() === "");
    lex = {
      value,
      type: item.out(its.type),
      normal: item.out(its.normal),
      lemma: item.out(its.lemma as unknown as ItsFunction<string>).toLowerCase(),
      pos,
      blank,
      lineBreak: blank && /[\n\r\u2028\u2029]/.test(value),
      cueFlags: -1,
      shapeFlags: -1,
      ngramWord: -1,
      ngramOwner: null,
    };
    if (cacheable) {
      // Grow densely (no holes), so lookups stay plain indexed loads.
      if (id >= lexemes.length) {
        while (lexemes.length <= id) lexemes.push(undefined);
      }
      const byTag = (lexemes[id] ??= []);
      while (byTag.length < tag) byTag.push(undefined as unknown as Lexeme);
      byTag[tag] = lex;
    }
  }
  return lex;
}

/**
 * A text analysed by wink-nlp. The kept tokens (white space dropped) are stored column-wise: index k
 * of `lexemes`, `starts`, `ends`, `negated` and `newlineBefore` describes token k. `tokens` gives the
 * same as one object per token, built on first use (the scoring path reads the columns).
 */
export interface Analysis {
  text: string;
  /** Number of kept tokens. */
  tokenCount: number;
  /** Per token: the shared record of its lexeme and tag (value, normal, lemma, pos, type). */
  lexemes: Lexeme[];
  /** Per token: UTF-16 offsets into the analysed text. */
  starts: Int32Array;
  ends: Int32Array;
  /** Per token: 1 when wink's negation pipe flags it, else 0. */
  negated: Uint8Array;
  /** Per token: 1 when a line break precedes it, else 0. */
  newlineBefore: Uint8Array;
  /** The tokens as objects (built from the columns on first access). */
  readonly tokens: Token[];
  sentences: SentenceRange[];
  entities: EntitySpan[];
}

/** The token objects of an analysis's columns. */
function tokenObjects(lexemes: readonly Lexeme[], starts: Int32Array, ends: Int32Array, negated: Uint8Array, newlineBefore: Uint8Array): Token[] {
  return lexemes.map((lex, k) => ({
    value: lex.value,
    normal: lex.normal,
    lemma: lex.lemma,
    pos: lex.pos,
    type: lex.type,
    negated: negated[k] === 1,
    start: starts[k]!,
    end: ends[k]!,
    newlineBefore: newlineBefore[k] === 1,
    lexeme: lex,
  }));
}

function isSpace(code: number): boolean {
  // Unicode white space commonly found in text (incl. NBSP and line/paragraph separators).
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function isLineBreak(code: number): boolean {
  return code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029 || code === 0x0b || code === 0x0c;
}

/**
 * Longest run of non-space UTF-16 units handed to wink-nlp. wink's tokenizer is quadratic in the length
 * of one token (measured: a 10,000-character word took 0.34 s, 20,000 took 1.4 s, 40,000 took 6.3 s),
 * so a 300,000-character word stalled the server for about half a minute. No word or URL of a real
 * article comes near this length.
 */
export const MAX_TOKEN_RUN = 500;

/**
 * The text with spaces put in place of characters so that no run of non-space UTF-16 units is longer
 * than `maxRun`: the character after every `maxRun` units becomes a space (a surrogate pair becomes
 * two spaces, never half of one). Same UTF-16 length, so every token offset found in the result is an
 * offset into `text` too. Returns `text` itself when no run is that long. Linear in the length.
 */
export function breakLongRuns(text: string, maxRun: number = MAX_TOKEN_RUN): string {
  let out: string[] | null = null;
  let run = 0;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isSpace(code)) {
      run = 0;
      continue;
    }
    if (run < maxRun) {
      run++;
      continue;
    }
    const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (!pair && code >= 0xd800 && code <= 0xdfff) {
      run++; // a low surrogate after a kept high one: cut at the next unit instead
      continue;
    }
    out ??= [];
    out.push(text.slice(last, i), pair ? "  " : " ");
    last = i + (pair ? 2 : 1);
    if (pair) i++;
    run = 0;
  }
  if (out === null) return text;
  out.push(text.slice(last));
  return out.join("");
}

/**
 * Analyse a text with wink-nlp. Token offsets are recovered by aligning each
 * token value with the original string, so they stay correct even where the
 * tokenizer's own spacing information differs from the input. Over-long runs
 * without spaces are cut into tokens of at most MAX_TOKEN_RUN units first (see
 * breakLongRuns); offsets and the returned `text` are the original's.
 */
/**
 * A token ending in a sentence-final mark of a script wink-nlp's sentence splitter does not know:
 * Devanagari danda । and double danda ॥, Arabic question mark ؟, Urdu full stop ۔, Ethiopic ። and ፧,
 * Armenian ։, Myanmar ။, Khmer ។, Tibetan ། (Unicode's Sentence_Terminal property, UAX #29), and the
 * ideographic and fullwidth ones (。！？．｡) when a space follows them. Unicode Sentence_Terminal,
 * https://www.unicode.org/reports/tr29/#Sentence_Boundaries.
 */
const FULL_STOP_END = /[।॥؟۔።፧։။។།。！？．｡]["'”’»)\]」』）]*$/u;
/** A token of closing quotes and brackets only (it belongs to the sentence before it). */
const CLOSING_ONLY = /^["'”’»)\]」』）]+$/u;

/**
 * True when a sentence ends before token `t` at a FULL_STOP_END token (after any closing quotes or
 * brackets that follow it), tokens [t0, t) being the sentence so far.
 */
function endsAtFullStop(lexemes: readonly Lexeme[], t0: number, t: number): boolean {
  if (CLOSING_ONLY.test(lexemes[t]!.value)) return false;
  let k = t - 1;
  while (k > t0 && CLOSING_ONLY.test(lexemes[k]!.value)) k--;
  return FULL_STOP_END.test(lexemes[k]!.value);
}

export function analyze(original: string): Analysis {
  const text = breakLongRuns(original);
  const nlp = getNlp();
  const its = nlp.its;
  const doc: Document = nlp.readDoc(text);
  const toks = doc.tokens();
  const ids = toks.out(its.uniqueId as unknown as ItsFunction<number>) as unknown as number[];
  const poss = toks.out(its.pos) as string[];
  const negs = toks.out(its.negationFlag) as unknown as boolean[];
  const contracted = toks.out(its.contractionFlag as unknown as ItsFunction<boolean>) as unknown as boolean[];
  const n = ids.length;

  // Whitespace tokens (wink's "tabCRLF") are dropped; they only mark line breaks.
  // keptBefore[i] = number of kept tokens among wink tokens [0, i).
  const lexemes: Lexeme[] = [];
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  const negated = new Uint8Array(n);
  const newlineBefore = new Uint8Array(n);
  let kept = 0;
  const keptBefore = new Int32Array(n + 1);
  let cursor = 0;
  let pendingNewline = false;
  for (let i = 0; i < n; i++) {
    keptBefore[i] = kept;
    const lex = lexemeOf(toks, i, ids[i]!, poss[i] ?? "X", contracted[i] === true);
    const v = lex.value;
    let p = cursor;
    let newline: boolean = pendingNewline;
    while (p < text.length && isSpace(text.charCodeAt(p))) {
      if (isLineBreak(text.charCodeAt(p))) newline = true;
      p++;
    }
    if (lex.blank) {
      // Whitespace token: consume it from the text and remember a line break.
      cursor = p;
      pendingNewline = newline || lex.lineBreak;
      continue;
    }
    let start: number;
    let present: boolean;
    if (text.startsWith(v, p)) {
      start = p;
      present = true;
    } else {
      // Tokenizer produced a form not literally present here; search a little ahead.
      // Only a little ahead: an unbounded search per token would be quadratic in the text's length.
      const window = text.slice(cursor, cursor + 64 + v.length).indexOf(v);
      const found = window < 0 ? -1 : cursor + window;
      if (found >= 0 && found - cursor < 64) {
        for (let q = cursor; q < found; q++) if (isLineBreak(text.charCodeAt(q))) newline = true;
        start = found;
        present = true;
      } else {
        start = p;
        present = false;
      }
    }
    const end = present ? start + v.length : start;
    lexemes.push(lex);
    starts[kept] = start;
    ends[kept] = end;
    negated[kept] = negs[i] === true ? 1 : 0;
    newlineBefore[kept] = kept > 0 && newline ? 1 : 0;
    kept++;
    pendingNewline = false;
    cursor = end;
  }
  keptBefore[n] = kept;

  // Sentences from wink's SBD, further split at line breaks that end a unit (headings, captions, list
  // items, blank lines) — a single break inside a hard-wrapped paragraph does not — and after a word
  // ending in a full stop of a script wink does not know (FULL_STOP_END).
  const sentences: SentenceRange[] = [];
  const pushRange = (t0: number, t1: number): void => {
    if (t1 <= t0 || t0 < 0 || t1 > kept) return;
    const prev = sentences[sentences.length - 1];
    let wordless = true;
    for (let t = t0; t < t1 && wordless; t++) if (/[\p{L}\p{N}]/u.test(lexemes[t]!.value)) wordless = false;
    if (wordless && prev && prev.t1 === t0 && newlineBefore[t0] === 0) {
      // Trailing emoji / symbols on the same line belong to the previous sentence.
      prev.t1 = t1;
      prev.end = ends[t1 - 1]!;
      return;
    }
    sentences.push({ t0, t1, start: starts[t0]!, end: ends[t1 - 1]! });
  };
  const sentenceSpans = doc.sentences().out(its.span) as unknown as number[][];
  for (const span of sentenceSpans) {
    const a = keptBefore[span[0] ?? 0] ?? 0;
    const b = keptBefore[(span[1] ?? -1) + 1] ?? a;
    let t0 = a;
    for (let t = a + 1; t < b; t++) {
      if ((newlineBefore[t] === 1 && isUnitBreak(text, ends[t - 1]!, starts[t]!)) || endsAtFullStop(lexemes, t0, t)) {
        pushRange(t0, t);
        t0 = t;
      }
    }
    pushRange(t0, b);
  }

  const entities: EntitySpan[] = [];
  const ents = doc.entities();
  const details = ents.out(its.detail) as unknown as { value: string; type: string }[];
  const entitySpans = ents.out(its.span) as unknown as number[][];
  for (let k = 0; k < details.length; k++) {
    const d = details[k]!;
    const span = entitySpans[k] ?? [0, 0];
    const t0 = keptBefore[span[0] ?? 0] ?? 0;
    const t1 = keptBefore[(span[1] ?? 0) + 1] ?? t0;
    if (t1 > t0) entities.push({ type: d.type, value: d.value, t0, t1 });
  }

  let tokens: Token[] | null = null;
  return {
    text: original,
    tokenCount: kept,
    lexemes,
    starts,
    ends,
    negated,
    newlineBefore,
    get tokens(): Token[] {
      tokens ??= tokenObjects(lexemes, starts, ends, negated, newlineBefore);
      return tokens;
    },
    sentences,
    entities,
  };
}

/**
 * The claimant of a claim: the person or body a sentence attributes it to ("Defense Secretary Pete
 * Hegseth", "Reuters", "the city's finance department"), as distinct from the outlet that reported it.
 * Read from the attribution patterns of news writing: "according to X", "X said/told/announced …",
 * "…, X said." and "…, said X." — with a kind for schema.org (Person or Organization). Plain regular
 * expressions over one sentence; every pattern is anchored or bounded, so the work is linear in its length.
 */

export type ClaimantKind = "PERSON" | "ORGANIZATION";

export interface SuggestedClaimant {
  /** The claimant as written in the sentence (white space collapsed), at most 120 code points. */
  name: string;
  kind: ClaimantKind;
}

const SPEECH_VERBS =
  "said|says|told|tells|announced|announces|claimed|claims|stated|states|reported|reports|estimated|estimates|warned|warns|added|insisted|insists|argued|argues|wrote|writes|tweeted|posted|confirmed|confirms|denied|denies|acknowledged|acknowledges|admitted|admits|alleged|alleges|declared|declares|disclosed|revealed|noted|notes|predicted|predicts|promised|pledged|testified|conceded|maintained|maintains|asserted|asserts|disputed|projected|forecast";

/** Titles that make a name a person's. */
const PERSON_TITLE =
  /\b(?:President|Vice President|Prime Minister|Minister|Secretary|Senator|Sen\.|Rep\.|Representative|Gov\.|Governor|Mayor|General|Gen\.|Lt\.|Col\.|Maj\.|Adm\.|Admiral|Colonel|Captain|Capt\.|Dr\.|Mr\.|Mrs\.|Ms\.|Prof\.|Professor|Judge|Justice|Chancellor|King|Queen|Pope|Ambassador|Commissioner|spokesman|spokeswoman|spokesperson|chief executive|CEO|director|chairman|chairwoman|chair|economist|analyst|lawyer|attorney|researcher|scientist|commander|official|leader|founder|mayor|governor|president|minister|secretary|senator|inspector general|prosecutor|auditor)\b/;
/** Words that make a name a body's. */
const ORGANIZATION_WORD =
  /\b(?:ministry|department|agency|office|government|army|military|navy|air force|forces|Pentagon|Kremlin|White House|Downing Street|council|bank|company|firm|Inc\.?|Corp\.?|Ltd\.?|LLC|Group|police|court|committee|commission|union|association|party|parliament|Congress|Senate|House|administration|authority|authorities|institute|university|foundation|board|bureau|service|services|organization|organisation|coalition|alliance|NATO|UN|United Nations|EU|European Union|IMF|World Bank|WHO|Reuters|AP|AFP|Associated Press|Bloomberg|BBC|CNN|DW|Journal|Times|Post|News|Herald|Tribune|Telegraph|Guardian|Gazette|Radio|Television|TV|Press|Media|Center|Centre|Fund|Network|Institute|Agency|Corporation|Council|Observatory|Monitor|officials|spokespeople|prosecutors|researchers|analysts|experts|data|figures|report|survey|study|poll|statement|census|statistics)\b/i;
/** Subjects that name nobody. */
const NOBODY = /^(?:he|she|they|it|we|i|you|who|which|that|this|these|those|one|someone|somebody|people|sources?|officials?|analysts?|experts?|critics?|observers?|residents?|witnesses?|reporters?|others?)$/i;
const DETERMINER_START = /^(?:[Tt]he|[Aa]n?)\s+(?=\p{Lu})/u;
const TRAILING_NOISE =
  /(?:\s+(?:also|later|earlier|previously|separately|repeatedly|again|recently|first|has|have|had|was|were|is|are|will|would|had\s+previously|last\s+week|last\s+month|last\s+year|this\s+week|on\s+\p{Lu}\p{Ll}+|in\s+a\s+statement|in\s+an\s+interview|late\s+on\s+\p{Lu}\p{Ll}+))+$/u;
const MAX_WORDS = 9;
/** White space that `\s+` → " " would change: a run of two or more, or any white space but a plain space. */
const NEEDS_COLLAPSE = /\s\s|[^\S ]/;

// Compiled once (none has the g or y flag, so exec keeps no state between calls).
/** "according to X" (up to a comma or the end of the sentence). */
const ACCORDING_TO = /\baccording to\s+([^,;.!?"“”]+?(?:\.(?=\s?\p{Lu}\.)[^,;!?"“”]*?)?)\s*(?:[,;.!?"“”]|$)/iu;
/** "…, said X." / "…,” said X." */
const SAID_INVERTED = new RegExp(String.raw`[,”"]\s*(?:${SPEECH_VERBS})\s+([^,;!?"“”]+?)\s*(?:[,;!?]|\.$|$)`, "iu");
/** "…, X said." at the end. */
const SAID_TRAILING = new RegExp(String.raw`[,”"]\s*([^,;"“”]+?)\s+(?:${SPEECH_VERBS})(?:\s+on\s+\p{Lu}\p{Ll}+|\s+in\s+a\s+statement)?\s*[.!?]?$`, "u");
/** "X said (on Tuesday) that …" at the start, or after a comma. */
const SAID_LEADING = new RegExp(String.raw`(?:^|[,;:]\s+)([^,;:"“”]+?)\s+(?:(?:has|had|have)\s+)?(?:${SPEECH_VERBS})\b`, "u");
/** Necessary for ACCORDING_TO to match: the phrase itself, in any case (same flags). */
const ACCORDING_HINT = /according to/iu;
/** Necessary for any of the three speech-verb patterns to match: some speech verb, in any case (the widest of their flags). */
const SPEECH_VERB_HINT = new RegExp(SPEECH_VERBS, "iu");

function tidy(raw: string): string | null {
  let name = raw.replace(/\s+/g, " ").trim().replace(/^[,;:—–-]+\s*/, "").replace(/[,;:]+$/, "").trim();
  // "documents released on Tuesday by the agency's inspector general", "a report by Amnesty": the author.
  const by = /\b(?:by|from)\s+((?:the\s+)?[^\s].*)$/iu.exec(name);
  if (by && /^(?:(?:a|an|the|new|recent|latest|internal|leaked)\s+)*(?:documents?|reports?|data|figures|statements?|estimates?|analysis|study|studies|survey|records|letters?|emails?)\b/i.test(name)) name = by[1]!;
  for (let i = 0; i < 3; i++) name = name.replace(TRAILING_NOISE, "").trim();
  // A clause opener is not part of the name ("while Washington insists"); a participle is no name at all.
  name = name.replace(/^(?:while|when|as|after|although|though|because|since|but|and|so|yet|now|then)\s+/i, "");
  if (/^(?:having|being|after|before|when|if|unless|until)\b/i.test(name) || /^\p{L}+ing\b/u.test(name)) return null;
  name = name.replace(DETERMINER_START, "").replace(/^The\s+(?=\p{Ll})/u, "the ");
  if (!name || NOBODY.test(name)) return null;
  const words = name.split(" ");
  if (words.length > MAX_WORDS) return null;
  if (!/\p{L}/u.test(name) || /\d{3,}/.test(name)) return null;
  // A subject clause ("the missiles have a range of") is not a name: no finite verb inside.
  if (/\b(?:is|are|was|were|has|have|had|will|would|could|can|did|does|do|been)\b/i.test(name)) return null;
  return Array.from(name).slice(0, 120).join("");
}

/** PERSON or ORGANIZATION, from titles, body words and the shape of a personal name. */
export function claimantKind(name: string): ClaimantKind {
  const org = ORGANIZATION_WORD.test(name);
  // The head of the phrase decides: "the agency's inspector general" is a person, "the President's office" a body.
  const head = name.split(" ").slice(-3).join(" ");
  if (PERSON_TITLE.test(head) && !/\b(?:ministry|department|office|agency|council|committee|company|administration|government)$/i.test(name)) return "PERSON";
  if (org) return "ORGANIZATION";
  // "Pete Hegseth", "Maria Lopez", "J. R. Smith": two to four capitalised words.
  if (/^(?:\p{Lu}[\p{L}'’.-]*\s+){1,3}\p{Lu}[\p{L}'’-]+$/u.test(name)) return "PERSON";
  return "ORGANIZATION";
}

/**
 * The claimant a sentence attributes its claim to, or null when it names nobody (or only "he",
 * "officials", "sources"). `sentence`: one sentence (line breaks allowed), any length.
 */
export function suggestClaimant(sentence: string): SuggestedClaimant | null {
  // Collapse white space only where there is something to collapse (most sentences have single spaces only).
  const s = (NEEDS_COLLAPSE.test(sentence) ? sentence.replace(/\s+/g, " ") : sentence).trim();
  if (s.length === 0) return null;
  // Patterns in order of preference; the first whose capture tidies to a name wins. A pattern only runs
  // when the sentence holds its literal part ("according to", a speech verb), which most sentences lack.
  if (ACCORDING_HINT.test(s)) {
    const name = fromMatch(ACCORDING_TO.exec(s));
    if (name) return name;
  }
  if (!SPEECH_VERB_HINT.test(s)) return null;
  return fromMatch(SAID_INVERTED.exec(s)) ?? fromMatch(SAID_TRAILING.exec(s)) ?? fromMatch(SAID_LEADING.exec(s));
}

function fromMatch(m: RegExpExecArray | null): SuggestedClaimant | null {
  const name = m ? tidy(m[1]!) : null;
  return name ? { name, kind: claimantKind(name) } : null;
}

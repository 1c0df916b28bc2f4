/**
 * Named entities of an article and the story-similarity score that story suggestion uses: two
 * articles are suggested as one story when they share matched claims (claim clusters) and the
 * people, bodies and places they name.
 *
 * Entities come from `compromise` 14 (people(), organizations(), places(): a rule-and-lexicon
 * tagger, no model download, MIT). Measured on the demo pair and the three sample articles it finds
 * the actors a story is about (Hegseth, Colby, Trump, NATO, Ukraine, Kyiv …) where the project's
 * claimant detection (lib/domain/extraction/claimant.ts) only finds who is quoted — see the README
 * "Stories" section for the figures.
 */
import nlp from "compromise";
import { entityKey } from "./similarity";

// The comparison of two articles lives apart (./similarity): story suggestion runs it on the request
// thread, which must not load compromise (its lexicon takes ~1 s of CPU to load), only the pool does.
export { entityKey, STORY_SUGGESTION_THRESHOLD, storySimilarity, type StoryFingerprint } from "./similarity";

/** "OTHER" is part of the shared interface; compromise's three views give the first three only. */
export type EntityKind = "PERSON" | "ORGANIZATION" | "PLACE" | "OTHER";

export interface NamedEntity {
  /** The entity as written, tidied: no possessive, no title ("Secretary"), no trailing punctuation. */
  name: string;
  kind: EntityKind;
}

/**
 * Longest text (UTF-16 units) handed to compromise: the rest of a longer article is not read for
 * entities (cut at the last white space before the limit). A story's actors are named early, and
 * compromise's time grows with the text: measured at load 12 on 2 cores, 0.8 s for 7,900 characters
 * (first call), 3.7 s for 126,000 and 5.6 s for 505,000 — 20,000 characters (about 3,300 words,
 * longer than most news articles) keeps one article under about a second.
 */
export const MAX_ENTITY_TEXT = 20_000;

/** `text` cut to at most `max` UTF-16 units at the last white space before the limit (or at the limit, never inside a surrogate pair). */
function head(text: string, max: number): string {
  if (text.length <= max) return text;
  const space = text.lastIndexOf(" ", max);
  const nl = text.lastIndexOf("\n", max);
  let cut = Math.max(space, nl);
  if (cut <= 0) cut = max - (/[\uD800-\uDBFF]/.test(text[max - 1] ?? "") ? 1 : 0);
  return text.slice(0, cut);
}
/** Most distinct entities returned for one text (the first found are kept). */
export const MAX_ENTITIES = 500;

const TITLES =
  /^(?:(?:US|U\.S\.|UK|Defen[cs]e|Deputy|Foreign|Prime|Vice|Chief|Former|Acting|Pentagon|State)\s+)*(?:President|Secretary|Minister|Undersecretary|Under Secretary|Senator|Sen\.|Rep\.|Gov\.|Governor|Mayor|General|Gen\.|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Prof\.?|Superintendent|Chancellor|Ambassador|Commissioner|Spokesman|Spokeswoman|Judge|Justice|King|Queen|Pope)\s+/i;

/**
 * The name tidied to how a desk would write it: white space collapsed, brackets, leading dashes,
 * trailing punctuation and a possessive ("NATO’s", "Russia's") removed, a leading title removed
 * ("Secretary Pete Hegseth" → "Pete Hegseth"). Returns "" when nothing name-like remains.
 */
export function tidyEntityName(raw: string): string {
  let name = raw.replace(/\s+/g, " ").trim();
  name = name.replace(/^[-–—[(“"'‘\s]+/u, "").replace(/[\])”"'’.,;:!?\s—–-]+$/u, "");
  name = name.replace(/['’]s$/u, "").replace(/['’]$/u, "");
  for (let i = 0; i < 3 && TITLES.test(name); i++) name = name.replace(TITLES, "");
  name = name.trim();
  // A title alone ("President") names nobody in particular.
  if (TITLES.test(`${name} `)) return "";
  return /\p{L}/u.test(name) ? name : "";
}

/**
 * The distinct named entities of an English text: people, then organisations, then places, each in
 * order of first mention, as compromise 14 tags them, tidied (tidyEntityName) and deduplicated by entityKey
 * (the first spelling is kept; a person's surname alone, "Ortega" after "Luis Ortega", is folded into
 * the full name). Reads at most the first MAX_ENTITY_TEXT UTF-16 units, returns at most MAX_ENTITIES.
 * Never throws on any string input.
 */
export function namedEntities(text: string): NamedEntity[] {
  const doc = nlp(head(text, MAX_ENTITY_TEXT));
  const found: { name: string; kind: EntityKind }[] = [];
  // out("array") keeps document order; json({ offset: true }) would give offsets but measured
  // about 8 times slower on the demo article, and the order within each kind is all that is used.
  const collect = (view: { out(format: "array"): string[] }, kind: EntityKind) => {
    for (const text of view.out("array")) {
      // compromise sometimes joins a list into one match ("Russia, Washington"): one entity per item.
      for (const part of text.split(/,\s+|\s+and\s+/u)) {
        const name = tidyEntityName(part);
        if (name) found.push({ name, kind });
      }
    }
  };
  collect(doc.people(), "PERSON");
  collect(doc.organizations(), "ORGANIZATION");
  collect(doc.places(), "PLACE");

  const byKey = new Map<string, NamedEntity>();
  const surnames = new Map<string, string>(); // last word of a full personal name → its key
  for (const f of found) {
    let key = entityKey(f.name);
    if (f.kind === "PERSON" && !key.includes(" ") && surnames.has(key)) key = surnames.get(key)!;
    if (byKey.has(key)) continue;
    if (byKey.size >= MAX_ENTITIES) break;
    byKey.set(key, { name: f.name, kind: f.kind });
    if (f.kind === "PERSON" && key.includes(" ")) surnames.set(key.split(" ").at(-1)!, key);
  }
  return [...byKey.values()];
}

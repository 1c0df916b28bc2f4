/**
 * @mentions in comments. A mention is "@" followed by a desk user's full name or email address
 * (case-insensitive), e.g. "@Rita Reviewer" or "@rita@desk.example". Where several fit ("@Sam" and
 * "@Sam Lee"), the longest wins. An "@" inside a word (an email address in running text) starts no
 * mention, and a name must end at a word boundary ("@Samuel" does not mention "Sam").
 */

export interface MentionCandidate {
  id: string;
  name: string;
  email: string;
}

export interface MentionMatch {
  userId: string;
  /** UTF-16 offsets of the mention in the body, "@" included. */
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}_]/u;

/** May an "@" at `index` start a mention? Not when it continues a word or an email address. */
function startsMention(body: string, index: number): boolean {
  if (index === 0) return true;
  const before = body[index - 1]!;
  return !WORD.test(before) && !/[.+\-@]/.test(before);
}

/** Does a mention that stops at `end` stop at a boundary (end of text, space, punctuation)? */
function endsMention(body: string, end: number): boolean {
  const next = body[end];
  if (next === undefined) return true;
  if (WORD.test(next) || next === "@" || next === "-") return false;
  // "@ann@desk.example." ends a sentence; "@ann@desk.example.org" is another address.
  if (next === "." && body[end + 1] !== undefined && WORD.test(body[end + 1]!)) return false;
  return true;
}

function labelsOf(candidate: MentionCandidate): string[] {
  return [candidate.name.trim(), candidate.email.trim()].filter((label) => label.length > 0);
}

/** Every mention in `body`, in order of appearance. */
export function findMentions(body: string, candidates: readonly MentionCandidate[]): MentionMatch[] {
  const matches: MentionMatch[] = [];
  const lowered = candidates.flatMap((c) => labelsOf(c).map((label) => ({ id: c.id, label: label.toLowerCase() })));
  lowered.sort((a, b) => b.label.length - a.label.length);
  let index = body.indexOf("@");
  while (index !== -1) {
    let next = index + 1;
    if (startsMention(body, index)) {
      for (const { id, label } of lowered) {
        const end = index + 1 + label.length;
        if (body.slice(index + 1, end).toLowerCase() === label && endsMention(body, end)) {
          matches.push({ userId: id, start: index, end });
          next = end;
          break;
        }
      }
    }
    index = body.indexOf("@", next);
  }
  return matches;
}

/** The distinct users mentioned in `body`, in order of first mention. */
export function mentionedUserIds(body: string, candidates: readonly MentionCandidate[]): string[] {
  return [...new Set(findMentions(body, candidates).map((m) => m.userId))];
}

/**
 * Autocompletion: the "@…" being typed just before the caret, if any — where it starts and what was
 * typed after the "@" (names have spaces, so the query may too, but not a line break).
 */
export function activeMentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf("@");
  if (at === -1 || !startsMention(text, at)) return null;
  const query = before.slice(at + 1);
  if (query.length > 60 || /[\n\r]|\s{2}/.test(query) || /^\s/.test(query)) return null;
  return { start: at, query };
}

/** Candidates whose name, a word of their name, or email starts with the query (case-insensitive). */
export function suggestMentions<T extends MentionCandidate>(candidates: readonly T[], query: string, limit = 6): T[] {
  const q = query.toLowerCase();
  return candidates
    .filter((c) => {
      const name = c.name.toLowerCase();
      return name.startsWith(q) || c.email.toLowerCase().startsWith(q) || name.split(/\s+/).some((word) => word.startsWith(q));
    })
    .slice(0, limit);
}

/** The text after inserting a chosen mention for the active query, and where the caret goes. */
export function insertMention(text: string, start: number, caret: number, candidate: MentionCandidate): { text: string; caret: number } {
  const mention = `@${candidate.name.trim()} `;
  return { text: text.slice(0, start) + mention + text.slice(caret), caret: start + mention.length };
}

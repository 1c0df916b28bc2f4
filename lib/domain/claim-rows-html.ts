import { describeStatus, isClaimStatus } from "./claim-status";
import { describePriority } from "./verdict-scale";

/** One row of the claims list, as the page hands it to the table. */
export interface ClaimTableRow {
  id: string;
  /** The claim's text as the list shows it (the page shortens it to 140 UTF-16 code units). */
  text: string;
  status: string;
  priority: string;
  dueAt: Date | null;
  overdue: boolean;
  version: number;
  article: { id: string; title: string; outlet: string };
  /** Who made the claim, if recorded. */
  claimant?: string | null;
  assignee: { id: string; name: string } | null;
  verdict: { label: string; color: string; state: string } | null;
  /** The other reviewer's proposal in a blind double review once both have proposed. */
  otherProposal?: { label: string; color: string; state: string } | null;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };
const NEEDS_ESCAPE = /[&<>"']/g;

/**
 * Text or an attribute value made safe inside HTML: `& < > " '` become character references (what
 * React's server renderer does for text and attributes). Safe in element content and in
 * double-quoted attribute values, not inside <script> or <style>.
 */
export function escapeHtml(value: string): string {
  return value.replace(NEEDS_ESCAPE, (c) => ESCAPES[c]!);
}

/** The grey drawn for a verdict whose stored colour is not a plain CSS colour value. */
const FALLBACK_COLOR = "#6e7781";
/** `#hex`, a colour keyword, or one rgb()/hsl()/oklch()-style function of numbers: nothing that ends the declaration or loads a URL. */
const PLAIN_CSS_COLOR = /^(?:#[0-9a-f]{3,8}|[a-z]{3,30}|(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch)\([0-9a-z.,%+\-\s/]{1,60}\))$/i;

/**
 * A stored verdict colour as the row's inline style may use it: the value (trimmed) when it is one plain
 * CSS colour (PLAIN_CSS_COLOR), else FALLBACK_COLOR, so a colour written into the database other than
 * through the scale editor (which saves #rrggbb) cannot add declarations (`red;position:fixed`) or load
 * anything (`url(…)`).
 */
export function plainCssColor(value: string): string {
  const color = value.trim();
  return PLAIN_CSS_COLOR.test(color) && !/^(?:url|var|expression|inherit|initial|unset|revert)$/i.test(color) ? color : FALLBACK_COLOR;
}

const verdictSpan = (v: { label: string; color: string; state: string }, testId?: string) =>
  `<span class="verdict-label" style="background:${escapeHtml(plainCssColor(v.color))}" title="${escapeHtml(v.state)}"${testId ? ` data-testid="${testId}"` : ""}>${escapeHtml(v.label)}</span>`;

/**
 * The claims list's rows as HTML (the inside of its <tbody>), the markup the table's React components
 * rendered before, written as one string: a page of 200 rows was ~5,000 React elements rendered on
 * every request and sent a second time as the client component's props. `selectable` adds each row's
 * checkbox (class `row-check`, `data-key` = `id@version`, labelled "Select claim: <text>") for the
 * editors' bulk assignment, which reads and sets them itself (components/claim/claim-table.tsx).
 * Every value from the database is escaped (escapeHtml); claim and article links are plain links.
 */
export function claimRowsHtml(rows: readonly ClaimTableRow[], selectable: boolean): string {
  let html = "";
  for (const c of rows) {
    const id = escapeHtml(c.id);
    const text = escapeHtml(c.text);
    const check = selectable
      ? `<input type="checkbox" class="row-check" data-key="${id}@${c.version}" aria-label="Select claim: ${text}"/>`
      : "";
    const claimant = c.claimant ? `<span class="muted block" data-testid="row-claimant">Claimed by ${escapeHtml(c.claimant)}</span>` : "";
    const status = escapeHtml(isClaimStatus(c.status) ? describeStatus(c.status) : c.status);
    const due = c.dueAt ? c.dueAt.toISOString().slice(0, 10) : "—";
    const overdue = c.overdue ? `<span class="overdue-mark" role="img" aria-label="overdue" title="Overdue"></span>` : "";
    const verdict = c.verdict ? verdictSpan(c.verdict) : `<span class="muted">—</span>`;
    const other = c.otherProposal ? ` ${verdictSpan(c.otherProposal, "other-proposal")}` : "";
    html +=
      `<tr data-testid="claim-row" data-claim-id="${id}">` +
      `<td><span class="row claim-cell">${check}<span><a href="/claims/${id}">${text}</a>${claimant}</span></span></td>` +
      `<td><span class="badge status-${escapeHtml(c.status)}">${status}</span></td>` +
      `<td><a href="/articles/${escapeHtml(c.article.id)}">${escapeHtml(c.article.title)}</a><div class="muted">${escapeHtml(c.article.outlet)}</div></td>` +
      `<td>${c.assignee ? escapeHtml(c.assignee.name) : `<span class="muted">Unassigned</span>`}</td>` +
      `<td><span class="badge priority-${escapeHtml(c.priority)}">${escapeHtml(describePriority(c.priority))}</span></td>` +
      `<td class="${c.overdue ? "nowrap overdue" : "nowrap"}"${c.overdue ? ` data-overdue="true"` : ""}>${due}${overdue}</td>` +
      `<td>${verdict}${other}</td>` +
      `</tr>`;
  }
  return html;
}

import { describe, expect, it } from "vitest";
import { claimRowsHtml, escapeHtml, type ClaimTableRow } from "./claim-rows-html";

const row = (over: Partial<ClaimTableRow> = {}): ClaimTableRow => ({
  id: "c1",
  text: "Unemployment fell to 5 %.",
  status: "IN_REVIEW",
  priority: "URGENT",
  dueAt: new Date("2027-03-01T00:00:00Z"),
  overdue: false,
  version: 4,
  article: { id: "a1", title: "The economy", outlet: "Daily Example" },
  claimant: null,
  assignee: { id: "u1", name: "Rita Reviewer" },
  verdict: null,
  otherProposal: null,
  ...over,
});

describe("escapeHtml", () => {
  it("turns the five HTML-significant characters into character references", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#x27;y&#x27;&gt;&amp;&lt;/a&gt;");
    expect(escapeHtml("plain text, ünïcode ✓")).toBe("plain text, ünïcode ✓");
  });
});

describe("claimRowsHtml", () => {
  it("renders the cells the list shows: claim link, status, article, assignee, priority, due date, verdict", () => {
    const html = claimRowsHtml([row({ verdict: { label: "False", color: "#b42318", state: "PROPOSED" } })], false);
    expect(html).toBe(
      '<tr data-testid="claim-row" data-claim-id="c1">' +
        '<td><span class="row claim-cell"><span><a href="/claims/c1">Unemployment fell to 5 %.</a></span></span></td>' +
        '<td><span class="badge status-IN_REVIEW">In review</span></td>' +
        '<td><a href="/articles/a1">The economy</a><div class="muted">Daily Example</div></td>' +
        "<td>Rita Reviewer</td>" +
        '<td><span class="badge priority-URGENT">Urgent</span></td>' +
        '<td class="nowrap">2027-03-01</td>' +
        '<td><span class="verdict-label" style="background:#b42318" title="PROPOSED">False</span></td>' +
        "</tr>",
    );
  });

  it("escapes every value from the database, in text and in attributes", () => {
    const evil = `"><script>alert(1)</script>`;
    const html = claimRowsHtml(
      [
        row({
          id: `x"y`,
          text: evil,
          claimant: evil,
          status: evil,
          priority: evil,
          article: { id: evil, title: evil, outlet: evil },
          assignee: { id: "u", name: evil },
          verdict: { label: evil, color: `red" onmouseover="alert(1)`, state: evil },
          otherProposal: { label: evil, color: "#000", state: evil },
        }),
      ],
      true,
    );
    expect(html).not.toContain("<script>");
    expect(html).not.toContain('" onmouseover');
    expect(html).toContain("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain('data-claim-id="x&quot;y"');
    expect(html).toContain('data-key="x&quot;y@4"');
  });

  it("gives editors a labelled checkbox per row keyed id@version, and reviewers none", () => {
    const rows = [row(), row({ id: "c2", version: 7, text: "Second" })];
    const editor = claimRowsHtml(rows, true);
    expect(editor.match(/class="row-check"/g)).toHaveLength(2);
    expect(editor).toContain('<input type="checkbox" class="row-check" data-key="c2@7" aria-label="Select claim: Second"/>');
    expect(claimRowsHtml(rows, false)).not.toContain("checkbox");
  });

  it("marks overdue rows, names the claimant, says Unassigned and — when nothing is set", () => {
    const html = claimRowsHtml([row({ overdue: true, claimant: "Anna Schmidt", assignee: null, dueAt: null })], false);
    expect(html).toContain('<td class="nowrap overdue" data-overdue="true">—<span class="overdue-mark" role="img" aria-label="overdue" title="Overdue"></span></td>');
    expect(html).toContain('<span class="muted block" data-testid="row-claimant">Claimed by Anna Schmidt</span>');
    expect(html).toContain('<td><span class="muted">Unassigned</span></td>');
    expect(html).toContain('<td><span class="muted">—</span></td>');
  });

  it("shows both proposals of a blind double review, the other one marked", () => {
    const html = claimRowsHtml(
      [row({ verdict: { label: "True", color: "#1a7f37", state: "PROPOSED" }, otherProposal: { label: "False", color: "#b42318", state: "PROPOSED" } })],
      false,
    );
    expect(html).toContain(
      '<td><span class="verdict-label" style="background:#1a7f37" title="PROPOSED">True</span> <span class="verdict-label" style="background:#b42318" title="PROPOSED" data-testid="other-proposal">False</span></td>',
    );
  });

  it("shows an unknown status as it is stored", () => {
    expect(claimRowsHtml([row({ status: "ARCHIVED" })], false)).toContain('<span class="badge status-ARCHIVED">ARCHIVED</span>');
  });

  it("writes a verdict colour only when it is one CSS colour value: a stored colour cannot add declarations or load anything", () => {
    const colour = (color: string) => claimRowsHtml([row({ verdict: { label: "True", color, state: "PUBLISHED" } })], false).match(/style="([^"]*)"/)![1];
    expect(colour(" #1A7F37 ")).toBe("background:#1A7F37");
    expect(colour("rebeccapurple")).toBe("background:rebeccapurple");
    expect(colour("rgb(26, 127, 55)")).toBe("background:rgb(26, 127, 55)");
    for (const hostile of ["red;position:fixed;inset:0;z-index:99", "url(https://evil.test/x)", "red}body{display:none", 'red" onmouseover="alert(1)', "expression(alert(1))", "red/**/;top:0", "var(--x)"]) {
      expect(colour(hostile), hostile).toBe("background:#6e7781");
    }
  });
});

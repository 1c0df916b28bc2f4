/**
 * Hostile or just very large uploads for the import page's preview, one of each kind issue 13 names
 * ("a 17 KB upload of nested <div>s … refused or parsed within limits in ≤ 2 s; other users
 * unaffected"), for scripts/bench-pages.ts `--only hostile`. Each is under the 2 MB upload limit
 * unless it exists to test that limit; `expect` is how the import should answer it: refused past a
 * named limit of lib/domain/html-limits.ts or the upload size, or parsed within the limits. Kinds with
 * `save` are texts of tiny pieces that pass the preview and cost their time when saved: the bench saves
 * them (POST /api/v1/articles, the same importArticle as the import page's save) and expects the refusal
 * of lib/domain/extraction/text-limits.ts.
 */

/** One upload: a short name of its kind, the file's name (its extension picks the reader), its text. */
export interface HostilePage {
  kind: string;
  fileName: string;
  content: string;
  expect: "refused" | "parsed";
  /** Saved as an article's text instead of previewed as an upload. */
  save?: boolean;
}

/** Just under 2 MB (the upload limit is 2 MB, 2,097,152 bytes): room for the page's frame. */
const BUDGET = 1_900_000;
const fill = (unit: string, budget = BUDGET) => unit.repeat(Math.floor(budget / unit.length));
const ARTICLE = "The council approved $4.5 million for the schools on Monday, officials said. ".repeat(4);
const html = (body: string) => `<!DOCTYPE html><html><head><title>Hostile</title></head><body><article><p>${ARTICLE}</p>${body}</article></body></html>`;

/** Every kind, built on first call (≈ 40 MB of strings in all). */
export function hostilePages(): HostilePage[] {
  const h = (kind: string, body: string, expect: HostilePage["expect"]): HostilePage => ({ kind, fileName: "hostile.html", content: html(body), expect });
  return [
    h("136k <span>s (elements)", fill("<span>a</span>"), "refused"),
    h("50k attributes on one element", `<div ${Array.from({ length: 50_000 }, (_, i) => `a${i}="x"`).join(" ")}>x</div>`, "refused"),
    h("270k attributes on 34k elements", fill('<i a="1" b="2" c="3" d="4" e="5" f="6" g="7" h="8">x</i>'), "refused"),
    h("one 1.9 MB attribute value", `<div title="${"x".repeat(BUDGET)}">x</div>`, "parsed"),
    h("475k tiny text nodes (a<!---->)", fill("a<!---->"), "refused"),
    h("giant table (146k cells)", `<table>${fill("<tr><td>1</td><td>2</td><td>3</td></tr>")}</table>`, "refused"),
    h("inline elements 250 deep, repeated", fill(`${"<b>".repeat(250)}x${"</b>".repeat(250)}`), "refused"),
    h("<div>s 250 deep × 50 (140 KB)", `${"<div>".repeat(250)}x${"</div>".repeat(250)}`.repeat(50), "refused"),
    h("238k tiny paragraphs", fill("<p>a</p>"), "refused"),
    h("1.9 MB of white space", `<p>${fill(" \t\n")}</p>`, "parsed"),
    h("1.9 MB <script>", `<script>${fill("var a = '<div>';")}</script>`, "parsed"),
    h("1.9 MB <style>", `<style>${fill("p > a { color: red } ")}</style>`, "parsed"),
    h("&amp; × 380k", `<p>${fill("&amp;")}</p>`, "refused"),
    h("a 1.9 MB word", `<p>${"a".repeat(BUDGET)}</p>`, "parsed"),
    h("comment nesting tricks", fill("<!-- <!-- <div> -- --!> x"), "parsed"),
    { kind: "2 MB single-line text (.txt)", fileName: "hostile.txt", content: fill("The budget rose 12 percent to $4.5 million in 2024, officials said. ", 2_000_000), expect: "parsed" },
    { kind: "2 MB of tiny Markdown paragraphs (.md)", fileName: "hostile.md", content: fill("# H\n\n* a\n\n", 2_000_000), expect: "parsed" },
    ...(
      [
        ["2 MB of tiny paragraphs (a\\n\\n), saved", fill("a\n\n", 2_000_000)],
        ["2 MB of tiny lines (Ab.\\n), saved", fill("Ab.\n", 2_000_000)],
        ["2 MB of tiny sentences on one line (Ab. Ab. …), saved", fill("Ab. ", 2_000_000)],
        ["2 MB of one-word Markdown list items, saved", fill("* a\n", 2_000_000)],
        ["2 MB of short CSV-like lines, saved", fill("12,7,x\n", 2_000_000)],
      ] as const
    ).map(([kind, content]): HostilePage => ({ kind, fileName: "hostile.txt", content, expect: "refused", save: true })),
    // Under both the HTML limits (30,000 elements) and the paragraph limit: analysed, in seconds.
    { kind: "the text of 29,000 tiny <p>s (under the HTML and text limits), saved", fileName: "hostile.txt", content: fill("a\n\n", 29_000 * 3), expect: "parsed", save: true },
    { kind: "2.5 MB single-line text (past the 2 MB upload limit)", fileName: "big.txt", content: fill("word ", 2_500_000), expect: "refused" },
  ];
}

import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "./markdown";

describe("Markdown", () => {
  it("renders Markdown within the limits as Markdown", () => {
    const html = renderToStaticMarkup(<Markdown source={"**False.**\n\n> quoted\n\n- a\n  - b"} />);
    expect(html).toContain("<strong>False.</strong>");
    expect(html).toContain("<blockquote>");
    expect(html).not.toContain("markdown-as-text");
  });

  it("shows a saved text beyond the limits as plain text instead of overflowing the stack", () => {
    // Saved before the limits were checked on save: 4,999 nested block quotes made the claim page answer 500.
    for (const source of [">".repeat(4999) + "x", "- ".repeat(2499) + "x", "*a ".repeat(2000) + "b" + "*".repeat(2000), "```x`\n" + ">".repeat(4990), "*".repeat(2497) + "a" + "*".repeat(2497)]) {
      const html = renderToStaticMarkup(<Markdown source={source} />);
      expect(html).toContain('data-testid="markdown-as-text"');
      expect(html).toContain(source.replace(/>/g, "&gt;"));
      expect(html).not.toContain("<blockquote>");
    }
  });
});

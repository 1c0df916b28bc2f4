import { renderToStaticMarkup } from "react-dom/server";
import ReactMarkdown from "react-markdown";
import { describe, expect, it, vi } from "vitest";
import { Markdown } from "./markdown";

vi.mock("react-markdown", async (importOriginal) => {
  const actual = await importOriginal<typeof import("react-markdown")>();
  return { ...actual, default: vi.fn(actual.default) };
});

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

  it("parses a text once: showing it again reuses the parse, a different text is parsed", () => {
    const parses = vi.mocked(ReactMarkdown);
    const source = `**Shown twice** ${Math.random()}\n\n- [a link](https://example.org)`;
    const first = renderToStaticMarkup(<Markdown source={source} />);
    const calls = parses.mock.calls.length;
    const again = renderToStaticMarkup(
      <>
        <Markdown source={source} />
        <Markdown source={source} />
      </>,
    );
    expect(parses.mock.calls.length).toBe(calls);
    expect(again).toBe(first + first);
    expect(first).toContain('<a href="https://example.org" rel="noopener noreferrer nofollow" target="_blank">a link</a>');
    renderToStaticMarkup(<Markdown source={`${source} changed`} />);
    expect(parses.mock.calls.length).toBe(calls + 1);
  });
});

import { describe, expect, it } from "vitest";
import { segmentSentences } from "./index";
import { cpSlice } from "./test-helpers";

describe("segmentSentences", () => {
  it("returns code-point offsets with emoji and other astral characters", () => {
    const text = "🚀 Pentagon said 3,000 missiles… 👍 Then 𝒳 wrote again. Final 😀 sentence here!";
    const sentences = segmentSentences(text);
    expect(sentences.length).toBeGreaterThanOrEqual(2);
    for (const s of sentences) {
      expect(cpSlice(text, s.start, s.end)).toBe(s.text);
      expect(s.text).toBe(s.text.trim());
    }
    expect(sentences[0]!.start).toBe(0);
    expect(sentences[0]!.text.startsWith("🚀 Pentagon said 3,000 missiles")).toBe(true);
    const last = sentences[sentences.length - 1]!;
    expect(last.text).toBe("Final 😀 sentence here!");
    expect(last.end).toBe(Array.from(text).length);
    // UTF-16 offsets would be larger than code-point offsets after the astral characters.
    expect(last.start).toBe(Array.from(text).length - Array.from("Final 😀 sentence here!").length);
  });

  it("splits at line breaks so headings do not merge into the next sentence", () => {
    const text = "Strategic asymmetry and legal rights\nThe restrictions have created an imbalance. Russia continues to launch drones.";
    const s = segmentSentences(text).map((x) => x.text);
    expect(s).toEqual([
      "Strategic asymmetry and legal rights",
      "The restrictions have created an imbalance.",
      "Russia continues to launch drones.",
    ]);
  });

  it("trims whitespace, handles CRLF and NBSP, and keeps offsets exact", () => {
    const text = "  \r\n\u00a0First one is here.\u00a0 Second\u00a0one too.  \r\n\r\n  Third line 🎉 ends.\n";
    const sentences = segmentSentences(text);
    expect(sentences.map((s) => s.text)).toEqual(["First one is here.", "Second\u00a0one too.", "Third line 🎉 ends."]);
    for (const s of sentences) expect(cpSlice(text, s.start, s.end)).toBe(s.text);
  });

  it("returns nothing for empty or whitespace-only input", () => {
    expect(segmentSentences("")).toEqual([]);
    expect(segmentSentences(" \n\t ")).toEqual([]);
  });

  it("attaches trailing emoji on the same line to the preceding sentence", () => {
    const text = "The vote passed on Monday. 🎉\nNext line.";
    const s = segmentSentences(text);
    expect(s[0]!.text).toBe("The vote passed on Monday. 🎉");
    expect(s[1]!.text).toBe("Next line.");
  });
});

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { extractClaims, segmentSentences } from "./index";
import { cpSlice } from "./test-helpers";

const HARD_WRAPPED = fs.readFileSync(path.join(__dirname, "../../../../shared/fixtures/real-world/hard-wrapped.txt"), "utf8");

function expectExact(text: string) {
  const sentences = segmentSentences(text);
  for (const s of sentences) expect(cpSlice(text, s.start, s.end)).toBe(s.text);
  return sentences.map((s) => s.text);
}

describe("hard-wrapped text", () => {
  it("keeps a sentence wrapped over three lines as one unit (real-world sample hard-wrapped.txt)", () => {
    const sentences = expectExact(HARD_WRAPPED);
    expect(sentences[0]).toBe(
      "The Pentagon said on Tuesday that it had approved more than 3,000\nextended-range missiles for export to the region, a figure that\nofficials described as the largest transfer since 2014.",
    );
    expect(sentences[1]).toBe("The ministry said the missiles have a range of up to 190 miles.");
    const top = extractClaims(HARD_WRAPPED)[0]!;
    expect(top.text).toContain("3,000\nextended-range missiles");
    expect(top.quantities.some((q) => q.value === 3000)).toBe(true);
  });

  it("joins e-mail text wrapped before a capitalised word and CRLF line ends", () => {
    const text =
      "Officials at the finance ministry told the parliament on Friday that the\r\nCentral Bank had spent 4.2 billion dollars defending the currency since\r\nJanuary, more than twice the amount it disclosed.\r\n\r\nThe bank declined to comment.";
    expect(expectExact(text)).toEqual([
      "Officials at the finance ministry told the parliament on Friday that the\r\nCentral Bank had spent 4.2 billion dollars defending the currency since\r\nJanuary, more than twice the amount it disclosed.",
      "The bank declined to comment.",
    ]);
  });

  it("joins PDF-style lines broken after a number and before a lower-case word", () => {
    const text = "According to the report, 1.2 million\npeople have fled the region since the\nfighting began in March.";
    expect(expectExact(text)).toEqual([text]);
  });

  it("still ends a unit at blank lines, headings and list items", () => {
    const text = [
      "Missile exports",
      "The Pentagon said on Tuesday that it had approved more than 3,000",
      "extended-range missiles for export to the region.",
      "",
      "## Ranges",
      "Officials listed the systems:",
      "- ATACMS with a range of up to 190 miles",
      "- GMLRS with a range of 50 miles",
      "* the first batch of missiles was delivered",
      "  in March",
    ].join("\n");
    expect(expectExact(text)).toEqual([
      "Missile exports",
      "The Pentagon said on Tuesday that it had approved more than 3,000\nextended-range missiles for export to the region.",
      "## Ranges",
      "Officials listed the systems:",
      "- ATACMS with a range of up to 190 miles",
      "- GMLRS with a range of 50 miles",
      "* the first batch of missiles was delivered\n  in March",
    ]);
  });

  it("keeps one line per sentence where each line ends like a sentence", () => {
    const text = "The Pentagon approved 3,000 missiles.\nThe Army fired 12 rockets.\nOfficials said 40 soldiers died.";
    expect(expectExact(text)).toEqual(["The Pentagon approved 3,000 missiles.", "The Army fired 12 rockets.", "Officials said 40 soldiers died."]);
  });
});

describe("headings before unwrapped paragraphs", () => {
  it("keeps a long heading apart from the long paragraph after it (seed article 000 shape)", () => {
    const text =
      "Risks of escalation and controlled deterrence\nAnalysts stress that escalation risks are overstated, and that Russia has repeatedly threatened a response that never came, according to a report published in June by a research institute.";
    expect(expectExact(text)).toEqual([
      "Risks of escalation and controlled deterrence",
      "Analysts stress that escalation risks are overstated, and that Russia has repeatedly threatened a response that never came, according to a report published in June by a research institute.",
    ]);
  });

  it("keeps a long heading apart from a hard-wrapped paragraph after it", () => {
    const text =
      "Ministry figures on missile exports and deliveries\nThe Pentagon said on Tuesday that it had approved more than 3,000 missiles\nfor export to the region, a figure officials called the largest since 2014.";
    expect(expectExact(text)).toEqual([
      "Ministry figures on missile exports and deliveries",
      "The Pentagon said on Tuesday that it had approved more than 3,000 missiles\nfor export to the region, a figure officials called the largest since 2014.",
    ]);
  });
});

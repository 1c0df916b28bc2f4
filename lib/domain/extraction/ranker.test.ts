import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseTranscript, scoreLines, scoreSentence } from "./index";
import { averagePrecision, linearScore, trainLogisticRegression, type Sample } from "./logreg";
import { DEFAULT_MODEL } from "./ranker";
import { InputError, readTextFile, MAX_INPUT_BYTES } from "./input";

describe("averagePrecision", () => {
  it("matches hand-computed values", () => {
    expect(averagePrecision([0.9, 0.8, 0.7], [1, 0, 1])).toBeCloseTo((1 + 2 / 3) / 2, 10);
    expect(averagePrecision([0.1, 0.2, 0.3], [1, 0, 0])).toBeCloseTo(1 / 3, 10);
    expect(averagePrecision([0.5, 0.4], [0, 0])).toBe(0);
  });
});

describe("trainLogisticRegression", () => {
  it("learns the sign of informative features and ignores noise", () => {
    const samples: Sample[] = [];
    let seed = 7;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let i = 0; i < 400; i++) {
      const good = rand() < 0.5 ? 1 : 0;
      const bad = rand() < 0.5 ? 1 : 0;
      const noise = rand() < 0.5 ? 1 : 0;
      const y = rand() < (good && !bad ? 0.9 : bad ? 0.05 : 0.3) ? 1 : 0;
      samples.push({ x: new Map([["good", good], ["bad", bad], ["noise", noise]]), y: y as 0 | 1 });
    }
    const m = trainLogisticRegression(samples, { epochs: 300 });
    expect(m.weights.good!).toBeGreaterThan(0.5);
    expect(m.weights.bad!).toBeLessThan(-0.5);
    expect(Math.abs(m.weights.noise ?? 0)).toBeLessThan(0.4);
    const hi = linearScore(m, new Map([["good", 1]]));
    const lo = linearScore(m, new Map([["bad", 1]]));
    expect(hi).toBeGreaterThan(lo);
  });
});

describe("trained check-worthiness model", () => {
  it("is loaded from the committed JSON and uses general features", () => {
    expect(Object.keys(DEFAULT_MODEL.weights).length).toBeGreaterThan(20);
    // Nothing keyed to speakers or line numbers.
    expect(Object.keys(DEFAULT_MODEL.weights).some((k) => /speaker|line_?number/i.test(k))).toBe(false);
  });

  it("scores factual, numeric statements above small talk and stage directions", () => {
    const lines = [
      "(APPLAUSE)",
      "Thank you very much, everybody.",
      "We have a trade deficit of almost $800 billion a year with the rest of the world.",
      "How are you?",
      "Unemployment among young people fell by 12 percent between 2009 and 2016.",
    ];
    const s = scoreLines(lines);
    expect(s).toHaveLength(lines.length);
    expect(Math.min(s[2]!, s[4]!)).toBeGreaterThan(Math.max(s[0]!, s[1]!, s[3]!));
    expect(scoreSentence(lines[2]!)).toBeGreaterThan(scoreSentence(lines[1]!));
  });

  it("keeps one score per line even for empty or odd lines", () => {
    const s = scoreLines(["", "--", "🚀", "A real sentence with 3 numbers: 1, 2 and 3."]);
    expect(s).toHaveLength(4);
    for (const x of s) expect(Number.isFinite(x)).toBe(true);
  });
});

describe("parseTranscript", () => {
  it("reads 4-column and 3-column CLEF lines", () => {
    const four = parseTranscript("1\tHOLT\tGood evening.\t0\n2\tTRUMP\tMurders are up.\t1\n");
    expect(four).toEqual([
      { lineNumber: "1", speaker: "HOLT", text: "Good evening.", label: 0 },
      { lineNumber: "2", speaker: "TRUMP", text: "Murders are up.", label: 1 },
    ]);
    const three = parseTranscript("7\tX\tHello there.\r\n8\tY\tBye.");
    expect(three.map((l) => [l.lineNumber, l.label])).toEqual([["7", null], ["8", null]]);
  });

  it("rejects lines with too few columns", () => {
    expect(() => parseTranscript("1\tonly two")).toThrow(/columns/);
  });
});

describe("readTextFile", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "claims-input-"));
  const write = (name: string, data: string | Buffer): string => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, data);
    return p;
  };

  it("reads UTF-8 text", () => {
    expect(readTextFile(write("ok.txt", "\uFEFFHello 🚀 world."))).toBe("Hello 🚀 world.");
  });

  it.each([
    ["missing", () => path.join(dir, "nope.txt"), /no such file/],
    ["directory", () => dir, /not a regular file/],
    ["empty", () => write("empty.txt", ""), /empty/],
    ["blank", () => write("blank.txt", " \n\t\n"), /no text/],
    ["binary", () => write("bin.dat", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff])), /binary/],
    ["latin-1", () => write("latin1.txt", Buffer.from([0x63, 0x61, 0x66, 0xe9])), /UTF-8/],
    ["too large", () => write("big.txt", "a".repeat(MAX_INPUT_BYTES + 1)), /too large/],
  ])("rejects %s input", (_name, file, message) => {
    expect(() => readTextFile(file())).toThrow(InputError);
    expect(() => readTextFile(file())).toThrow(message);
  });
});

describe("ngramScore", () => {
  it("adds exactly what the n-gram features add through linearScore", async () => {
    const { lineFeatures, ngramScore, withoutNgrams } = await import("./ranker");
    const lines = [
      "The the budget budget rose 12 percent, the the budget said.",
      "We closed a $38 million structural deficit without laying off a single employee.",
      "Thank you very much.",
    ];
    expect(DEFAULT_MODEL.features.unigrams || DEFAULT_MODEL.features.bigrams).toBe(true);
    const full = lineFeatures(lines, DEFAULT_MODEL.features);
    const bare = lineFeatures(lines, withoutNgrams(DEFAULT_MODEL.features));
    let nonZero = 0;
    full.forEach((u, i) => {
      const added = linearScore(DEFAULT_MODEL, u.features) - linearScore(DEFAULT_MODEL, bare[i]!.features);
      const direct = ngramScore(u.facts, DEFAULT_MODEL);
      if (Math.abs(direct) > 1e-6) nonZero++;
      expect(direct).toBeCloseTo(added, 9);
    });
    expect(nonZero).toBe(lines.length);
  });
});

import { describe, expect, it } from "vitest";
import { averagePrecision, sigmoid } from "./logreg";
import { bestF1Threshold, fitPlatt, meanAveragePrecision, splitHeldOut, transcriptDate } from "./training";
import { sharedDir } from "./shared-paths";

describe("transcriptDate", () => {
  it("reads YYYYMMDD and the one year-day-month name of the CLEF folder", () => {
    expect(transcriptDate("20160926_1pres")).toBe("2016-09-26");
    expect(transcriptDate("20182601_trump_world")).toBe("2018-01-26");
    expect(transcriptDate("debate")).toBe("0000-00-00");
  });
});

describe("splitHeldOut", () => {
  it("holds out the most recent transcripts by date, not by name order", () => {
    const names = ["20190108_a", "20182601_b", "20160209_c", "20181010_d", "20170315_e", "20161005_f"];
    const ts = names.map((name) => ({ name, date: transcriptDate(name) }));
    const { cv, heldOut } = splitHeldOut(ts, 2);
    expect(heldOut.map((t) => t.name)).toEqual(["20181010_d", "20190108_a"]);
    // 20182601 is January 2018, so it is older than 20181010 and stays in CV.
    expect(cv.map((t) => t.name)).toEqual(["20160209_c", "20161005_f", "20170315_e", "20182601_b"]);
  });
});

describe("meanAveragePrecision", () => {
  it("is the mean of per-transcript average precision, not AP of the pooled ranking", () => {
    const a = { scores: [0.9, 0.1], labels: [1, 0] }; // AP 1
    const b = { scores: [0.8, 0.7, 0.2], labels: [0, 0, 1] }; // AP 1/3
    const per = [a, b].map((t) => ({ ap: averagePrecision(t.scores, t.labels) }));
    expect(meanAveragePrecision(per)).toBeCloseTo((1 + 1 / 3) / 2, 10);
    const pooled = averagePrecision([...a.scores, ...b.scores], [...a.labels, ...b.labels]);
    expect(pooled).not.toBeCloseTo(meanAveragePrecision(per), 3);
  });
});

describe("fitPlatt", () => {
  it("recovers the slope and offset of scores drawn from a known logistic curve", () => {
    let seed = 11;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const z: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 20000; i++) {
      const zi = rand() * 8 - 4;
      z.push(zi);
      y.push(rand() < sigmoid(0.5 * zi - 2) ? 1 : 0);
    }
    const c = fitPlatt(z, y);
    expect(c.a).toBeGreaterThan(0.4);
    expect(c.a).toBeLessThan(0.6);
    expect(c.b).toBeGreaterThan(-2.2);
    expect(c.b).toBeLessThan(-1.8);
  });

  it("refuses empty or mismatched input", () => {
    expect(() => fitPlatt([], [])).toThrow(/at least one/);
    expect(() => fitPlatt([1, 2], [1])).toThrow(/as many labels/);
  });
});

describe("bestF1Threshold", () => {
  it("cuts where F1 is highest", () => {
    // Top 2 (both positive): F1 = 2·2/(2+3) = 0.8; top 5: 2·3/(5+3) = 0.75; top 1: 0.5.
    expect(bestF1Threshold([0.9, 0.8, 0.5, 0.4, 0.1], [1, 1, 0, 0, 1])).toBe(0.8);
    // Top 4 catches 3 of 3: F1 = 6/7 beats top 2 (0.8).
    expect(bestF1Threshold([0.9, 0.8, 0.5, 0.4, 0.1], [1, 1, 0, 1, 0])).toBe(0.4);
    expect(bestF1Threshold([0.9, 0.1], [0, 0])).toBe(0.5);
  });
});

describe("sharedDir", () => {
  it("names the expected folder when it is missing", () => {
    expect(() => sharedDir("no-such-folder-i17")).toThrow(/no-such-folder-i17.*relative to the repository root/);
  });
});

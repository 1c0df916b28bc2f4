import { describe, expect, it } from "vitest";
import { parseQuantities } from "../extraction/quantities";
import { compareValues, intervalsAgree, quantityInterval, roundingHalfUnit } from "./values";

function interval(text: string) {
  const q = parseQuantities(text)[0];
  if (!q) throw new Error(`no quantity in ${text}`);
  const i = quantityInterval(q);
  if (!i) throw new Error(`quantity in ${text} is not compared`);
  return i;
}

describe("roundingHalfUnit", () => {
  it("is half the place value of the last non-zero digit", () => {
    expect(roundingHalfUnit(190)).toBe(5);
    expect(roundingHalfUnit(300)).toBe(50);
    expect(roundingHalfUnit(3000)).toBe(500);
    expect(roundingHalfUnit(7)).toBe(0.5);
    expect(roundingHalfUnit(305.8)).toBeCloseTo(0.05, 10);
    expect(roundingHalfUnit(0)).toBe(0);
  });
});

describe("quantity agreement", () => {
  it("takes 190 miles and 300 km as the same length within rounding (190 mi = 305.8 km)", () => {
    expect(intervalsAgree(interval("ranges of 190 miles"), interval("ranges of 300 km"))).toBe(true);
    expect(intervalsAgree(interval("ranges of 300 km"), interval("ranges of 190 miles"))).toBe(true);
    expect(compareValues("ATACMS have ranges up to 190 miles.", "ATACMS have ranges up to 300 km.")).toEqual([]);
  });

  it("flags lengths that differ beyond rounding, across units", () => {
    const [d] = compareValues("The missile flies 190 miles.", "The missile flies 150 km.");
    expect(d).toMatchObject({ kind: "QUANTITY", a: { value: 190, unit: "mi" }, b: { value: 150, unit: "km" } });
  });

  it("does not flag 3,000 against more than 2,500, but flags 2,000 against more than 2,500", () => {
    expect(compareValues("3,000 missiles were approved.", "More than 2,500 missiles were approved.")).toEqual([]);
    const [d] = compareValues("2,000 missiles were approved.", "More than 2,500 missiles were approved.");
    expect(d).toMatchObject({ kind: "QUANTITY", a: { value: 2000 }, b: { value: 2500, comparator: ">" } });
  });

  it("flags counts of the same thing that differ and leaves counts of different things alone", () => {
    expect(compareValues("3,000 missiles were approved.", "2,600 missiles were approved.")).toHaveLength(1);
    expect(compareValues("3,000 missiles were approved.", "2,600 drones were approved.")).toEqual([]);
    expect(compareValues("3,000 missiles were approved.", "About 2,800 missiles were approved.")).toEqual([]);
  });

  it("compares money in one currency and percentages with percentages", () => {
    expect(compareValues("The plan costs $1.2 billion.", "The plan costs $2 billion.")).toHaveLength(1);
    expect(compareValues("The plan costs $1.2 billion.", "The plan costs €2 billion.")).toEqual([]);
    expect(compareValues("Turnout was 41%.", "Turnout was 41.2 percent.")).toEqual([]);
    expect(compareValues("Turnout was 41%.", "Turnout was 48 percent.")).toHaveLength(1);
  });
});

describe("date agreement (by day)", () => {
  it("flags August 24 against August 22 and accepts the same day written differently", () => {
    const [d] = compareValues("On August 24, Reuters reported the change.", "On August 22, the change was reported.");
    expect(d).toMatchObject({ kind: "DATE", a: { display: "Aug 24" }, b: { display: "Aug 22" } });
    expect(compareValues("On August 24, 2025, it changed.", "It changed on 24 August.")).toEqual([]);
    expect(compareValues("On Aug. 24 it changed.", "On August 24, 2025 it changed.")).toEqual([]);
  });

  it("counts the year only when both sides give it, and leaves months and years alone", () => {
    expect(compareValues("On August 24, 2025, it changed.", "On August 24, 2024, it changed.")).toHaveLength(1);
    expect(compareValues("It changed in August 2025.", "It changed in July 2025.")).toEqual([]);
  });
});

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseQuantities } from "./index";

const SAMPLE = fs.readFileSync(path.join(__dirname, "../../../../shared/fixtures/real-world/quantities.txt"), "utf8").split("\n").filter(Boolean);
const ABBREVIATIONS = fs.readFileSync(path.join(__dirname, "../../../../shared/fixtures/real-world/abbreviations.txt"), "utf8");

const displays = (sentence: string) => parseQuantities(sentence).map((q) => q.display);
const kinds = (sentence: string) => parseQuantities(sentence).map((q) => `${q.kind} ${q.display}`);
function one(sentence: string, needle: string) {
  const q = parseQuantities(sentence).find((x) => x.text.includes(needle));
  if (!q) throw new Error(`no quantity containing "${needle}" in: ${sentence}`);
  return q;
}

describe("years and dates are not amounts", () => {
  it.each([
    ["Officials said the 2026 fiscal year budget would grow.", "2026"],
    ["A 2024 report found the program had failed.", "2024"],
    ["The 1999 treaty banned the weapons.", "1999"],
    ["Its 2030 target was dropped.", "2030"],
  ])("reads the year in %j as a DATE", (sentence, year) => {
    expect(one(sentence, year)).toMatchObject({ kind: "DATE", display: year, value: Date.UTC(Number(year), 0, 1) });
    expect(displays(sentence).join(" ")).not.toMatch(/\d,\d{3}/);
  });

  it.each([
    ["On Feb. 12 the army fired 40 shells.", "Feb. 12", "Feb 12"],
    ["The vote is set for March 3.", "March 3", "Mar 3"],
    ["Troops left on 14 August, officials said.", "14 August", "Aug 14"],
    ["By Sept. 30 the ministry had paid out €12 million.", "Sept. 30", "Sep 30"],
  ])("reads a day without a year in %j as a DATE, not an amount", (sentence, text, display) => {
    expect(one(sentence, text)).toMatchObject({ kind: "DATE", unit: "month-day", display });
    expect(parseQuantities(sentence).filter((q) => q.kind === "COUNT" && q.text.includes(text.replace(/\D/g, "")))).toEqual([]);
  });

  it("reads a span of years as one DATE and still counts 2,000 tanks and 2000 people", () => {
    expect(one("The 2020-2024 plan was approved.", "2020")).toMatchObject({ kind: "DATE", display: "2020–2024" });
    expect(one("In 2023 the army had 2,000 tanks.", "2,000")).toMatchObject({ kind: "COUNT", value: 2000, unit: "tanks" });
    expect(one("Some 2000 people fled the town.", "2000")).toMatchObject({ kind: "COUNT", value: 2000, unit: "people" });
  });
});

describe("ordinals, labels, clock times and scores are not amounts", () => {
  it("reads only '40 soldiers' in the abbreviations sample's 'No. 3 battalion lost 40 soldiers'", () => {
    const sentence = ABBREVIATIONS.split(/(?<=\.) (?=Gen\.|Acme|Dr\.)/)[1]!;
    expect(sentence).toContain("No. 3 battalion");
    expect(kinds(sentence)).toEqual(["COUNT 40 soldiers"]);
  });

  it.each([
    ["No. 3 battalion lost 40 soldiers.", ["COUNT 40 soldiers"]],
    ["Unit #4 fired 12 rockets.", ["COUNT 12 rockets"]],
    ["Vol. 2 of the report lists 300 sites.", ["COUNT 300 sites"]],
    ["Reactor No. 5 was shut after 2 leaks.", ["COUNT 2 leaks"]],
  ])("skips the label in %j", (sentence, expected) => {
    expect(kinds(sentence)).toEqual(expected);
  });

  it.each([
    ["The court upheld the ban in a 7-2 vote.", []],
    ["The home side won 3-1 on Sunday.", []],
    ["A 5–4 decision ended the case.", []],
    ["The Senate passed it 52-48 on Monday.", []],
  ])("skips the score in %j", (sentence, expected) => {
    expect(kinds(sentence)).toEqual(expected);
  });

  it.each([
    ["The meeting started at 10:30 and lasted 3 hours.", ["DURATION 3 hours"]],
    ["Polls closed at 8 p.m. with 40% counted.", ["PERCENT 40%"]],
    ["The curfew begins at 9pm, officials said.", []],
  ])("skips the clock time in %j", (sentence, expected) => {
    expect(kinds(sentence)).toEqual(expected);
  });
});

describe("ranges and open bounds", () => {
  it("reads the sample's '10-15%' as a percent range and '3,000+ rockets' as ≥ 3,000 rockets", () => {
    expect(one(SAMPLE.find((l) => l.includes("10-15%"))!, "10")).toMatchObject({ kind: "PERCENT", value: 10, high: 15, unit: "%", display: "10–15%", text: "10-15%" });
    expect(one(SAMPLE.find((l) => l.includes("3,000+"))!, "3,000")).toMatchObject({ kind: "COUNT", comparator: ">=", value: 3000, unit: "rockets", display: "≥ 3,000 rockets", text: "3,000+ rockets" });
  });

  it.each([
    ["Inflation reached 5 to 7 percent.", { kind: "PERCENT", value: 5, high: 7, display: "5–7%" }],
    ["Rents rose 20–25% last year.", { kind: "PERCENT", value: 20, high: 25, display: "20–25%" }],
    ["The repairs will cost $10-15 million.", { kind: "MONEY", value: 1e7, high: 1.5e7, display: "$10–15 million" }],
    ["They sent between 2,000 and 3,000 troops.", { kind: "COUNT", value: 2000, high: 3000, unit: "troops", display: "2,000–3,000 troops" }],
    ["The drones fly 20-30 km behind the lines.", { kind: "LENGTH", value: 20, high: 30, unit: "km", display: "20–30 km" }],
  ])("reads the range in %j", (sentence, expected) => {
    expect(parseQuantities(sentence)[0]).toMatchObject(expected);
  });

  it.each([
    ["Officials counted 500+ drones.", { comparator: ">=", value: 500, unit: "drones", display: "≥ 500 drones" }],
    ["A 1,000-plus crowd gathered.", { comparator: ">=", value: 1000 }],
    ["They fired 40+ missiles overnight.", { comparator: ">=", value: 40, unit: "missiles" }],
  ])("reads the open bound in %j", (sentence, expected) => {
    expect(parseQuantities(sentence)[0]).toMatchObject(expected);
  });
});

describe("units, money and millions", () => {
  it("reads the sample's glued '300km' as 300 km ≈ 186.4 mi", () => {
    expect(one(SAMPLE.find((l) => l.includes("300km"))!, "300")).toMatchObject({ kind: "LENGTH", value: 300, unit: "km", display: "300 km ≈ 186.4 mi", text: "300km" });
  });

  it.each([
    ["The shells weigh 45kg each.", { value: 45, unit: "kg", text: "45kg" }],
    ["It flies 120mi before refuelling.", { kind: "LENGTH", value: 120, unit: "mi", display: "120 mi ≈ 193.1 km" }],
    ["The tanks drove at 60km/h.", { value: 60, text: "60km/h" }],
    ["The wall is 8ft high.", { kind: "LENGTH", value: 8 }],
  ])("reads the glued unit in %j", (sentence, expected) => {
    expect(parseQuantities(sentence)[0]).toMatchObject(expected);
  });

  it("does not read a name such as 5G or 3D as an amount", () => {
    expect(kinds("The 5G network covers 90% of homes.")).toEqual(["PERCENT 90%"]);
    expect(kinds("A 3D map showed 12 sites.")).toEqual(["COUNT 12 sites"]);
  });

  it("reads the sample's money and millions", () => {
    expect(one(SAMPLE.find((l) => l.includes("$2.5bn"))!, "$")).toMatchObject({ kind: "MONEY", value: 2.5e9, unit: "USD", display: "$2.5 billion" });
    expect(one(SAMPLE.find((l) => l.includes("1.2 million"))!, "1.2")).toMatchObject({ kind: "COUNT", value: 1.2e6, unit: "people", comparator: "~" });
    expect(kinds(SAMPLE.find((l) => l.includes("12 miles"))!)).toEqual(["LENGTH 12 mi ≈ 19.3 km", "LENGTH 19 km ≈ 11.8 mi", "DURATION 2 days"]);
  });

  it.each([
    ["Staff work five days a week.", "5 days a week"],
    ["Guards patrol 12 hours per day.", "12 hours per day"],
    ["The plant runs 3 shifts and 6 days each week.", "6 days each week"],
  ])("reads a frequency in %j, not a duration", (sentence, display) => {
    const q = parseQuantities(sentence).find((x) => x.display === display);
    expect(q).toMatchObject({ kind: "OTHER" });
    expect(displays(sentence)).not.toContain("5 d");
  });
});

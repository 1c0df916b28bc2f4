import { describe, expect, it } from "vitest";
import { extractClaims, suggestClaimant } from "./index";

describe("suggestClaimant", () => {
  it.each([
    ["Defense Secretary Pete Hegseth said the missiles would stay in storage.", "Defense Secretary Pete Hegseth", "PERSON"],
    ["The contract is worth $2.5bn, according to Reuters.", "Reuters", "ORGANIZATION"],
    ["The deficit reached $40 million, the city's finance department said.", "the city's finance department", "ORGANIZATION"],
    ["The Pentagon said on Tuesday that it had approved more than 3,000 missiles.", "Pentagon", "ORGANIZATION"],
    ["“We have lost 1,200 cafés,” said the association’s president.", "the association’s president", "PERSON"],
    ["Dr. J. R. Smith said the blast damaged 300 homes.", "Dr. J. R. Smith", "PERSON"],
    ["Unemployment fell to 3.5 percent, the Labor Department said.", "Labor Department", "ORGANIZATION"],
    ["Records were kept for 20 years, according to documents released by the agency's inspector general.", "the agency's inspector general", "PERSON"],
    ["Maria Lopez told reporters that 12 people were hurt.", "Maria Lopez", "PERSON"],
  ])("finds who made the claim in %j", (sentence, name, kind) => {
    expect(suggestClaimant(sentence)).toEqual({ name, kind });
  });

  it.each([
    "He said the figure was wrong.",
    "More than 3,000 missiles were approved.",
    "The missiles have a range of 190 miles, officials said.",
    "They said 40 soldiers died.",
    "",
  ])("names nobody in %j", (sentence) => {
    expect(suggestClaimant(sentence)).toBeNull();
  });

  it("reads a hard-wrapped sentence and reaches extracted claims", () => {
    expect(suggestClaimant("The ministry said the\nmissiles have a range of 190 miles.")).toEqual({ name: "the ministry", kind: "ORGANIZATION" });
    const [claim] = extractClaims("Defense Secretary Pete Hegseth said on Tuesday that 3,000 missiles would stay in storage.");
    expect(claim?.claimant).toEqual({ name: "Defense Secretary Pete Hegseth", kind: "PERSON" });
  });
});

describe("suggestClaimant on clause openers (seed article 003 shapes)", () => {
  it("drops a participle and a leading conjunction", () => {
    expect(suggestClaimant("Having pledged to end the war quickly during his campaign, Trump has attempted to push Moscow.")).toBeNull();
    expect(suggestClaimant("The contradictions are clear: while Washington insists it is committed to Ukraine, it limits strikes.")).toEqual({ name: "Washington", kind: "ORGANIZATION" });
    expect(suggestClaimant("According to the Wall Street Journal, which first reported the policy shift, the Pentagon blocked 12 strikes.")).toEqual({ name: "Wall Street Journal", kind: "ORGANIZATION" });
  });
});

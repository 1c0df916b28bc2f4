import { describe, expect, it } from "vitest";
import { checkLabelColor, contrastRatio, MIN_TEXT_CONTRAST, nearestPassingColor, normaliseHexColor } from "./color-contrast";
import { DEFAULT_VERDICT_SCALE } from "./verdict-scale";

describe("WCAG contrast of verdict label colours", () => {
  it("computes WCAG's ratio: black on white is 21:1, white on white 1:1", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBe(21);
    expect(contrastRatio("#ffffff", "#ffffff")).toBe(1);
    // #767676 is the lightest grey that meets 4.5:1 on white (a widely quoted WCAG reference value).
    expect(contrastRatio("#767676")).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio("#777777")).toBeLessThan(4.5);
  });

  it("flags the four old default colours that failed with white text, with their ratios", () => {
    expect(contrastRatio("#4d9a2a")).toBeCloseTo(3.52, 1);
    expect(contrastRatio("#b08800")).toBeCloseTo(3.3, 1);
    expect(contrastRatio("#c4661f")).toBeCloseTo(3.99, 1);
    expect(contrastRatio("#8c959f")).toBeCloseTo(3.04, 1);
    for (const old of ["#4d9a2a", "#b08800", "#c4661f", "#8c959f"]) expect(checkLabelColor(old).ok).toBe(false);
  });

  it("every default rating colour passes 4.5:1 with white text", () => {
    for (const rating of DEFAULT_VERDICT_SCALE) expect([rating.label, contrastRatio(rating.color) >= MIN_TEXT_CONTRAST]).toEqual([rating.label, true]);
  });

  it("suggests the nearest passing colour: same hue family, just dark enough, and explains why", () => {
    const check = checkLabelColor("#ffd700");
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.suggestionRatio).toBeGreaterThanOrEqual(4.5);
    expect(check.suggestionRatio).toBeLessThan(4.7);
    expect(check.reason).toContain(check.suggestion);
    expect(check.reason).toContain("4.5:1");
    // still yellow-brown: red and green channels well above blue
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(check.suggestion.slice(i, i + 2), 16)) as [number, number, number];
    expect(r).toBeGreaterThan(b + 40);
    expect(g).toBeGreaterThan(b + 40);
  });

  it("a passing colour is its own answer and dark text gets lighter suggestions", () => {
    expect(checkLabelColor("#1a7f37")).toEqual({ ok: true, ratio: expect.any(Number) });
    const forBlack = nearestPassingColor("#333333", "#000000");
    expect(contrastRatio(forBlack, "#000000")).toBeGreaterThanOrEqual(4.5);
    expect(parseInt(forBlack.slice(1, 3), 16)).toBeGreaterThan(0x33);
  });

  it("reads CSS colours and refuses what is not one", () => {
    expect(normaliseHexColor("#ABC")).toBe("#aabbcc");
    expect(normaliseHexColor("rebeccapurple")).toBe("#663399");
    expect(normaliseHexColor("not a colour")).toBeNull();
    expect(() => contrastRatio("nope")).toThrow(/not a colour/);
  });
});

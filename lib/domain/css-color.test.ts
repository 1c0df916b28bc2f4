import { describe, expect, it } from "vitest";
import { FALLBACK_VERDICT_COLOR, isPlainCssColor, plainCssColor } from "./css-color";

describe("verdict colours in inline styles", () => {
  it.each(["#1a7f37", "#abc", "#abcd", "#11223344", "rebeccapurple", " red ", "rgb(10, 20, 30)", "hsl(120 50% 40% / 0.5)", "oklch(0.6 0.1 120)"])(
    "keeps the plain colour %j",
    (color) => {
      expect(isPlainCssColor(color)).toBe(true);
      expect(plainCssColor(color)).toBe(color.trim());
    },
  );

  it.each([
    "red;position:fixed;inset:0",
    "red; background-image: url(https://tracker.example/x)",
    "url(https://tracker.example/x)",
    'red" onmouseover="alert(1)',
    "var(--x)",
    "inherit",
    "rgb(1,2,3);color:red",
    "rgb(url(x))",
    "#12345",
    "expression(alert(1))",
    "",
  ])("draws %j as the fallback grey", (color) => {
    expect(isPlainCssColor(color)).toBe(false);
    expect(plainCssColor(color)).toBe(FALLBACK_VERDICT_COLOR);
  });

  it("draws a missing colour as the fallback grey", () => {
    expect(plainCssColor(null)).toBe(FALLBACK_VERDICT_COLOR);
    expect(plainCssColor(undefined)).toBe(FALLBACK_VERDICT_COLOR);
  });
});

import { describe, expect, it } from "vitest";
import { articleViewSchema } from "./articles";
import { parseSearchParams } from "./common";

describe("the article page's part", () => {
  const view = (part: string) => parseSearchParams(articleViewSchema, { part });

  it("reads whole numbers from 1 written in digits, however large (the page shows the last part past the end)", () => {
    expect(view("1").filter.part).toBe(1);
    expect(view("007").filter.part).toBe(7);
    expect(view("99999999999").filter.part).toBe(99_999_999_999);
  });

  it("names anything else and ignores it: zero, signs, fractions, hex, exponents, words, a huge number of digits", () => {
    for (const part of ["0", "-1", "+2", "1.5", "0x10", "1e3", "abc", "", " 2", "9".repeat(5000)]) {
      const { filter, reasons } = view(part);
      expect(filter.part, part).toBeUndefined();
      expect(reasons.part, part).toBe("Part must be a whole number from 1.");
    }
  });
});

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_TEXT_PARAGRAPHS, MAX_TEXT_PIECES, measureTextPieces, textLimitRefusal } from "./text-limits";
import { extractArticleTask, entitiesTask } from "./tasks";

const fill = (unit: string, chars: number) => unit.repeat(Math.floor(chars / unit.length));
const shape = (text: string) => measureTextPieces(text).shape;

describe("measureTextPieces", () => {
  it("counts sentences ended by . ! ? … followed by white space, not a dot inside a number", () => {
    expect(shape("The rate rose 4.5 percent. Did it? Yes! Then… nothing.")).toEqual({ pieces: 5, paragraphs: 1 });
  });

  it("counts Chinese and Japanese sentences, which no space follows, and Arabic, Urdu and Hindi ones", () => {
    expect(measureTextPieces("是的。不是！真的？好｡").shape.pieces).toBe(4);
    expect(measureTextPieces("هل هذا صحيح؟ نعم. لا؟ ").shape.pieces).toBe(3);
    expect(measureTextPieces("یہ درست ہے۔ نہیں۔ ").shape.pieces).toBe(2);
    expect(measureTextPieces("यह सही है। नहीं॥ हाँ। ").shape.pieces).toBe(3);
  });

  it("counts paragraphs between blank lines, white space alone being blank", () => {
    expect(shape("One.\n\nTwo.\n \t\nThree.")).toEqual({ pieces: 3, paragraphs: 3 });
    expect(shape("")).toEqual({ pieces: 0, paragraphs: 0 });
    expect(shape(" \n\n \n")).toEqual({ pieces: 0, paragraphs: 0 });
  });

  it("ends a piece at the break after a short line (list items, CSV rows) but not inside hard-wrapped body text", () => {
    expect(shape("* a\n* b\n* c")).toEqual({ pieces: 3, paragraphs: 1 });
    expect(shape("1,2,3\n4,5,6\n")).toEqual({ pieces: 2, paragraphs: 1 });
    const wrapped = "The council approved the budget on Tuesday after a long\ndebate that ran late into the night and ended with a vote\nof seven to two.";
    expect(shape(wrapped)).toEqual({ pieces: 1, paragraphs: 1 });
  });

  it("finds the real sample articles and the bench's 2 MB probe of long sentences far within the limits", () => {
    const dir = path.join(__dirname, "sample-articles");
    for (const file of fs.readdirSync(dir)) {
      const text = fs.readFileSync(path.join(dir, file), "utf8");
      expect(measureTextPieces(text).shape.pieces).toBeLessThan(40);
      expect(textLimitRefusal(text)).toBeNull();
    }
    const probe = fill("The budget rose 12 percent to $4.5 million in 2024, officials said. ", 2_000_000);
    expect(measureTextPieces(probe).shape).toEqual({ pieces: 29_411, paragraphs: 1 });
    expect(textLimitRefusal(probe)).toBeNull();
  });

  it("stops at the first limit passed and names it", () => {
    expect(measureTextPieces("a. b. c. d.", { pieces: 2, paragraphs: 10 })).toEqual({ shape: { pieces: 3, paragraphs: 1 }, broken: "pieces" });
    expect(measureTextPieces("a\n\nb\n\nc", { pieces: 10, paragraphs: 2 })).toEqual({ shape: { pieces: 2, paragraphs: 3 }, broken: "paragraphs" });
  });
});

describe("textLimitRefusal", () => {
  it("refuses 2 MB of each kind of tiny piece, naming the limit and what to do", () => {
    const kinds = [fill("Ab. ", 2_000_000), fill("Ab.\n", 2_000_000), fill("* a\n", 2_000_000), fill("12,7\n", 2_000_000), fill("是的。", 2_000_000), fill("نعم؟ ", 2_000_000)];
    for (const text of kinds) {
      expect(textLimitRefusal(text)).toBe(
        `This text has more than ${MAX_TEXT_PIECES.toLocaleString("en-US")} sentences, lines or list items (the limit for an imported text); nothing was imported. Split the document, or import only the part to check.`,
      );
    }
    for (const text of [fill("a\n\n", 2_000_000), fill("# H\n\n* a\n\n", 2_000_000)]) {
      expect(textLimitRefusal(text)).toContain(`more than ${MAX_TEXT_PARAGRAPHS.toLocaleString("en-US")} paragraphs (the limit for an imported text)`);
    }
  });

  it("accepts a text exactly at the limits and refuses one piece or paragraph more", () => {
    expect(textLimitRefusal("x. ".repeat(MAX_TEXT_PIECES))).toBeNull();
    expect(textLimitRefusal("x. ".repeat(MAX_TEXT_PIECES + 1))).toContain("sentences, lines or list items");
    expect(textLimitRefusal("This is a paragraph long enough. And a second sentence too.\n\n".repeat(MAX_TEXT_PARAGRAPHS))).toBeNull();
    expect(textLimitRefusal("x\n\n".repeat(MAX_TEXT_PARAGRAPHS + 1))).toContain("paragraphs");
  });

  it("is what the import's worker tasks answer before any analysis", async () => {
    const text = fill("Ab. ", 2_000_000);
    const refused = textLimitRefusal(text);
    expect(extractArticleTask({ text, limit: 40 })).toEqual({ refused });
    expect(await entitiesTask({ text })).toEqual({ refused });
  });
});

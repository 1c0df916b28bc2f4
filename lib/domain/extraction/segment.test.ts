import { describe, expect, it } from "vitest";
import { segmentSentences } from "./index";
import { cpSlice } from "./test-helpers";

describe("segmentSentences", () => {
  it("returns code-point offsets with emoji and other astral characters", () => {
    const text = "🚀 Pentagon said 3,000 missiles… 👍 Then 𝒳 wrote again. Final 😀 sentence here!";
    const sentences = segmentSentences(text);
    expect(sentences.length).toBeGreaterThanOrEqual(2);
    for (const s of sentences) {
      expect(cpSlice(text, s.start, s.end)).toBe(s.text);
      expect(s.text).toBe(s.text.trim());
    }
    expect(sentences[0]!.start).toBe(0);
    expect(sentences[0]!.text.startsWith("🚀 Pentagon said 3,000 missiles")).toBe(true);
    const last = sentences[sentences.length - 1]!;
    expect(last.text).toBe("Final 😀 sentence here!");
    expect(last.end).toBe(Array.from(text).length);
    // UTF-16 offsets would be larger than code-point offsets after the astral characters.
    expect(last.start).toBe(Array.from(text).length - Array.from("Final 😀 sentence here!").length);
  });

  it("splits at line breaks so headings do not merge into the next sentence", () => {
    const text = "Strategic asymmetry and legal rights\nThe restrictions have created an imbalance. Russia continues to launch drones.";
    const s = segmentSentences(text).map((x) => x.text);
    expect(s).toEqual([
      "Strategic asymmetry and legal rights",
      "The restrictions have created an imbalance.",
      "Russia continues to launch drones.",
    ]);
  });

  it("trims whitespace, handles CRLF and NBSP, and keeps offsets exact", () => {
    const text = "  \r\n\u00a0First one is here.\u00a0 Second\u00a0one too.  \r\n\r\n  Third line 🎉 ends.\n";
    const sentences = segmentSentences(text);
    expect(sentences.map((s) => s.text)).toEqual(["First one is here.", "Second\u00a0one too.", "Third line 🎉 ends."]);
    for (const s of sentences) expect(cpSlice(text, s.start, s.end)).toBe(s.text);
  });

  it("ends sentences at the full stops of other scripts (Devanagari, Arabic, Urdu, Ethiopic, Armenian, spaced ideographic)", () => {
    const cases: [string, string[]][] = [
      ["पेंटागन ने 3000 मिसाइलों को मंजूरी दी। अधिकारियों ने कहा।", ["पेंटागन ने 3000 मिसाइलों को मंजूरी दी।", "अधिकारियों ने कहा।"]],
      ["قالت الوزارة إن ٣٠٠٠ صاروخ تمت الموافقة عليها؟ وأضاف المسؤول أن القرار نهائي", ["قالت الوزارة إن ٣٠٠٠ صاروخ تمت الموافقة عليها؟", "وأضاف المسؤول أن القرار نهائي"]],
      ["وزارت نے 3000 میزائل منظور کیے۔ حکام نے تصدیق کی۔", ["وزارت نے 3000 میزائل منظور کیے۔", "حکام نے تصدیق کی۔"]],
      ["ሚኒስቴሩ 3000 ሚሳኤሎችን አጸደቀ። ባለስልጣናት አረጋግጠዋል።", ["ሚኒስቴሩ 3000 ሚሳኤሎችን አጸደቀ።", "ባለስልጣናት አረጋግጠዋል።"]],
      ["Նախարարությունը հաստատեց 3000 հրթիռ։ Պաշտոնյաները հաստատեցին։", ["Նախարարությունը հաստատեց 3000 հրթիռ։", "Պաշտոնյաները հաստատեցին։"]],
      ["五角大楼批准了三千多枚导弹。 官员说这是第二批！ 国防部表示同意。", ["五角大楼批准了三千多枚导弹。", "官员说这是第二批！", "国防部表示同意。"]],
      ["他说：“这是真的。” 然后离开了。", ["他说：“这是真的。”", "然后离开了。"]],
    ];
    for (const [text, expected] of cases) {
      const sentences = segmentSentences(text);
      expect(sentences.map((s) => s.text)).toEqual(expected);
      for (const s of sentences) expect(cpSlice(text, s.start, s.end)).toBe(s.text);
    }
    // A mark inside a word does not end a sentence, and English is split as before.
    expect(segmentSentences("The ratio was 3:1 in 2023. It fell.").map((s) => s.text)).toEqual(["The ratio was 3:1 in 2023.", "It fell."]);
  });

  it("returns nothing for empty or whitespace-only input", () => {
    expect(segmentSentences("")).toEqual([]);
    expect(segmentSentences(" \n\t ")).toEqual([]);
  });

  it("attaches trailing emoji on the same line to the preceding sentence", () => {
    const text = "The vote passed on Monday. 🎉\nNext line.";
    const s = segmentSentences(text);
    expect(s[0]!.text).toBe("The vote passed on Monday. 🎉");
    expect(s[1]!.text).toBe("Next line.");
  });
});

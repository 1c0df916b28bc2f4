import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importArticleSchema, MAX_ARTICLE_BYTES } from "./articles";
import { formDataBytes, formTooLarge, SERVER_ACTION_BODY_LIMIT_BYTES, utf8ByteLength } from "./form-size";

/** The multipart body a FormData becomes when posted (undici encodes it as browsers do). */
async function multipartBytes(form: FormData): Promise<number> {
  return (await new Request("http://127.0.0.1/", { method: "POST", body: form }).arrayBuffer()).byteLength;
}

describe("utf8ByteLength", () => {
  it("counts UTF-8 bytes as Buffer.byteLength does, for every width and a lone surrogate", () => {
    for (const text of ["", "plain ASCII", "Café déjà", "Ωμέγα", "是的。", "नमस्ते", "😀 emoji 🇺🇦", "\ud800 lone", "end \udc00", "\u0000\u007f\u0080\u07ff\u0800\uffff"]) {
      expect(utf8ByteLength(text), JSON.stringify(text)).toBe(Buffer.byteLength(text, "utf8"));
    }
  });
});

describe("formDataBytes", () => {
  it("is an upper bound of the posted body, within 1 KB a field", async () => {
    const cases: FormData[] = [];
    const plain = new FormData();
    plain.set("claimId", "c123");
    plain.set("body", "A comment with é and 是 and 😀.");
    cases.push(plain);
    const big = new FormData();
    big.set("text", "是".repeat(100_000));
    big.set("$ACTION_ID_abc", "");
    big.set("title", "T");
    cases.push(big);
    const withFile = new FormData();
    withFile.set("file", new File(["x".repeat(50_000)], "article – draft.html", { type: "text/html" }));
    cases.push(withFile);
    for (const form of cases) {
      const actual = await multipartBytes(form);
      const estimate = formDataBytes(form);
      const fields = [...form.keys()].length;
      expect(estimate).toBeGreaterThanOrEqual(actual);
      expect(estimate - actual).toBeLessThan(1024 * fields);
    }
  });
});

describe("formTooLarge", () => {
  it("lets a form within the limit through and refuses a larger one, keeping its text fields", () => {
    const form = new FormData();
    form.set("claimId", "c1");
    form.set("$ACTION_REF_1", "");
    form.set("body", "x".repeat(1000));
    expect(formTooLarge(form)).toBeNull();
    form.set("body", "x".repeat(SERVER_ACTION_BODY_LIMIT_BYTES));
    const refusal = formTooLarge(form);
    expect(refusal).toMatchObject({ status: "error", code: "PAYLOAD_TOO_LARGE", values: { claimId: "c1", body: "x".repeat(SERVER_ACTION_BODY_LIMIT_BYTES) } });
    expect(refusal?.values).not.toHaveProperty("$ACTION_REF_1");
    expect(refusal?.message).toBe("This form holds 3.0 MB, more than the 3.0 MB the server accepts at once, so it was not sent and nothing was saved. Shorten the longest text and try again.");
  });

  it("uses the same limit as next.config.js gives server actions", () => {
    const config = readFileSync(path.join(__dirname, "..", "..", "next.config.js"), "utf8");
    const limit = /bodySizeLimit:\s*"(\d+)mb"/.exec(config)?.[1];
    expect(limit, "next.config.js sets serverActions.bodySizeLimit in mb").toBeDefined();
    expect(Number(limit) * 1024 * 1024).toBe(SERVER_ACTION_BODY_LIMIT_BYTES);
  });

  it("leaves room for a whole article text: a form with 2 MB of text and its other fields fits", () => {
    const form = new FormData();
    form.set("text", "a".repeat(MAX_ARTICLE_BYTES));
    for (const name of ["title", "outlet", "author", "url", "publishedAt", "idempotencyKey"]) form.set(name, "x".repeat(500));
    expect(formTooLarge(form)).toBeNull();
  });
});

describe("article text limit", () => {
  const article = (text: string) => ({ title: "T", outlet: "O", text });
  const textIssues = (text: string) => {
    const result = importArticleSchema.safeParse(article(text));
    return result.success ? [] : result.error.issues.filter((i) => i.path[0] === "text").map((i) => i.message);
  };

  it("is 2 MB of UTF-8 in any script, not a number of characters", () => {
    expect(textIssues("a".repeat(MAX_ARTICLE_BYTES))).toEqual([]);
    expect(textIssues("a".repeat(MAX_ARTICLE_BYTES + 1))).toEqual(["Article text must be at most 2 MB; this text is 2.0 MB. Split it, or import only the part to check."]);
    // 700,000 Chinese characters: far fewer characters than bytes, 2.1 MB.
    expect(textIssues("是".repeat(700_000))).toEqual(["Article text must be at most 2 MB; this text is 2.0 MB. Split it, or import only the part to check."]);
    expect(textIssues("是".repeat(699_050))).toEqual([]);
  });

  it("counts a line break once though the browser sends it as CRLF, and stores it as LF", () => {
    // 2 MB as typed in the textarea (LF), 20,000 bytes more as the form posts it.
    const lines = Array.from({ length: 20_000 }, () => "b".repeat(103)).join("\n");
    const typed = lines + "c".repeat(MAX_ARTICLE_BYTES - lines.length);
    expect(typed.length).toBe(MAX_ARTICLE_BYTES);
    expect(textIssues(typed.replace(/\n/g, "\r\n"))).toEqual([]);
    const parsed = importArticleSchema.safeParse(article("One.\r\nTwo.\rThree."));
    expect(parsed.data?.text).toBe("One.\nTwo.\nThree.");
  });
});

describe("a selection in a 2 MB article", () => {
  it("may end at the article's last code point (2,097,152 in a 2 MB ASCII text)", async () => {
    const { createClaimFromSelectionSchema } = await import("./suggestions");
    const parsed = createClaimFromSelectionSchema.safeParse({ articleId: "a1", start: String(MAX_ARTICLE_BYTES - 60), end: String(MAX_ARTICLE_BYTES), quote: "q" });
    expect(parsed.success).toBe(true);
    expect(createClaimFromSelectionSchema.safeParse({ articleId: "a1", start: "0", end: String(MAX_ARTICLE_BYTES + 1), quote: "q" }).success).toBe(false);
  });

  it("must say which passage was selected (a form without the quote is refused, so its offsets are never taken on trust)", async () => {
    const { createClaimFromSelectionSchema } = await import("./suggestions");
    const parsed = createClaimFromSelectionSchema.safeParse({ articleId: "a1", start: "0", end: "4" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toEqual(["Select the passage again: the form did not say which text was selected."]);
  });
});

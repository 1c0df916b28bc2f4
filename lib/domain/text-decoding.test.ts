import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { charsetOfContentType, decodeDocumentBytes } from "./text-decoding";

const latin = (s: string) => Uint8Array.from(Array.from(s, (c) => c.charCodeAt(0)));
const page = (head: string, body: string) => latin(`<!doctype html><html><head>${head}<title>T</title></head><body><p>${body}</p></body></html>`);

describe("decodeDocumentBytes (WHATWG encoding sniffing)", () => {
  it("decodes a windows-1252 page that declares its charset only in <meta charset> (real-world sample cp1252.html)", () => {
    const bytes = fs.readFileSync(path.join(__dirname, "../../../shared/fixtures/real-world/www/cp1252.html"));
    const decoded = decodeDocumentBytes(bytes, { html: true, contentType: "text/html" });
    expect(decoded).toMatchObject({ ok: true, encoding: "windows-1252" });
    if (decoded.ok) {
      expect(decoded.text).toContain("Café owners say prices rose 40 percent");
      expect(decoded.text).toContain("“We have lost more than 1,200 cafés in three years,”");
      expect(decoded.text).toContain("€50 million");
    }
  });

  it.each([
    ["<meta http-equiv=Content-Type>", `<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">`, "Caf\xe9 \x80 5", "Café € 5"],
    ["<meta charset=iso-8859-1> (a label of windows-1252)", `<meta charset="iso-8859-1">`, "Caf\xe9", "Café"],
    ["<meta charset=iso-8859-2>", `<meta charset='iso-8859-2'>`, "\xa3\xf3d\xbc", "Łódź"],
    ["<meta content=… http-equiv=…> in the other order", `<meta content="text/html;charset=windows-1251" http-equiv="content-type">`, "\xcc\xee\xf1\xea\xe2\xe0", "Москва"],
  ])("follows %s", (_label, head, body, expected) => {
    const decoded = decodeDocumentBytes(page(head, body), { html: true, contentType: "text/html" });
    expect(decoded.ok && decoded.text).toContain(expected);
  });

  it("lets the Content-Type header's charset win over the meta, and a BOM win over both", () => {
    const bytes = page(`<meta charset="utf-8">`, "Caf\xe9");
    expect(decodeDocumentBytes(bytes, { html: true, contentType: "text/html; charset=windows-1252" })).toMatchObject({ ok: true, encoding: "windows-1252" });
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(`<meta charset="windows-1252"><p>Café</p>`)]);
    const decoded = decodeDocumentBytes(bom, { html: true, contentType: "text/html; charset=windows-1252" });
    expect(decoded).toMatchObject({ ok: true, encoding: "UTF-8" });
    expect(decoded.ok && decoded.text).toContain("Café");
  });

  it("defaults to UTF-8 and refuses bytes that are not UTF-8 with a message naming it", () => {
    expect(decodeDocumentBytes(new TextEncoder().encode("<p>Café</p>"), { html: true })).toMatchObject({ ok: true, text: "<p>Café</p>" });
    expect(decodeDocumentBytes(latin("<p>Caf\xe9</p>"), { html: true })).toMatchObject({ ok: false, encoding: "UTF-8" });
    expect(decodeDocumentBytes(latin("Caf\xe9"), { html: false })).toMatchObject({ ok: false, message: expect.stringMatching(/UTF-8/) });
  });

  it("reads plain text in the header's charset or a UTF-16 BOM, and ignores a meta in plain text", () => {
    expect(decodeDocumentBytes(latin("Caf\xe9"), { html: false, contentType: "text/plain; charset=ISO-8859-1" })).toMatchObject({ ok: true, text: "Café" });
    const utf16 = new Uint8Array([0xff, 0xfe, 0x43, 0, 0x61, 0, 0x66, 0, 0xe9, 0]);
    expect(decodeDocumentBytes(utf16, { html: false })).toMatchObject({ ok: true, text: "Café" });
    expect(decodeDocumentBytes(latin(`<meta charset="windows-1252">Caf\xe9`), { html: false })).toMatchObject({ ok: false });
  });

  it("reads a page that declares a legacy charset but holds UTF-8 as UTF-8, instead of mojibake", () => {
    const utf8Page = (charset: string, body: string) => new TextEncoder().encode(`<!doctype html><html><head><meta charset="${charset}"><title>T</title></head><body><p>${body}</p></body></html>`);
    const japanese = decodeDocumentBytes(utf8Page("shift_jis", "日本の防衛省は3,000発のミサイルを承認した。"), { html: true });
    expect(japanese).toMatchObject({ ok: true, encoding: "UTF-8", declared: "Shift_JIS" });
    expect(japanese.ok && japanese.text).toContain("日本の防衛省は3,000発のミサイルを承認した。");
    const french = decodeDocumentBytes(utf8Page("iso-8859-1", "Café, déjà vu"), { html: true, contentType: "text/html" });
    expect(french).toMatchObject({ ok: true, encoding: "UTF-8", declared: "windows-1252" });
    expect(french.ok && french.text).toContain("Café, déjà vu");
    // All ASCII: nothing to tell, the declaration stands.
    expect(decodeDocumentBytes(utf8Page("shift_jis", "plain words"), { html: true })).toMatchObject({ ok: true, encoding: "Shift_JIS" });
  });

  it("decodes multi-byte legacy charsets strictly: real Shift_JIS reads, broken bytes are refused naming the charset", () => {
    const sjis = Uint8Array.from([...latin(`<meta charset="shift_jis"><p>`), 0x93, 0xfa, 0x96, 0x7b, ...latin("</p>")]);
    const decoded = decodeDocumentBytes(sjis, { html: true });
    expect(decoded).toMatchObject({ ok: true, encoding: "Shift_JIS" });
    expect(decoded.ok && decoded.text).toContain("<p>日本</p>");
    const broken = Uint8Array.from([...latin(`<meta charset="euc-kr"><p>`), 0xb0, 0x20, 0xff, ...latin("</p>")]);
    expect(decodeDocumentBytes(broken, { html: true })).toEqual({ ok: false, encoding: "EUC-KR", message: "The text is not valid EUC-KR." });
  });

  it("names a charset browsers refuse to read (the Encoding Standard's replacement) in words", () => {
    for (const charset of ["iso-2022-kr", "hz-gb-2312", "csiso2022kr"]) {
      const decoded = decodeDocumentBytes(latin(`<meta charset="${charset}"><p>~{text~}</p>`), { html: true });
      expect(decoded).toMatchObject({ ok: false, message: expect.stringMatching(/^This page declares a character set that browsers refuse to read for safety/) });
    }
  });

  it("reads the charset parameter of a Content-Type header", () => {
    expect(charsetOfContentType("text/html; charset=\"Windows-1252\"")).toBe("Windows-1252");
    expect(charsetOfContentType("text/html;charset=utf-8")).toBe("utf-8");
    expect(charsetOfContentType("text/html")).toBeNull();
  });
});

/**
 * Bytes → text for imported pages and files, as a browser decodes them: the WHATWG encoding sniffing
 * algorithm (HTML Standard §13.2.3.2: byte-order mark, then the transport layer's charset, then a
 * `<meta charset>` / `<meta http-equiv="Content-Type">` prescan of the first 1024 bytes, then a default)
 * via `html-encoding-sniffer`, and the WHATWG Encoding Standard decoders of `@exodus/bytes`
 * (windows-1252, ISO-8859-x, Shift_JIS, GBK, UTF-16, …).
 */
import htmlEncodingSniffer from "html-encoding-sniffer";
import { TextDecoder as WhatwgTextDecoder, getBOMEncoding, labelToName } from "@exodus/bytes/encoding.js";

export type DecodedText = { ok: true; text: string; encoding: string; declared?: string } | { ok: false; encoding: string; message: string };

const UNICODE = /^(?:utf-8|utf-16(?:le|be)?)$/i;
const MULTI_BYTE_LEGACY = /^(?:shift_jis|euc-jp|iso-2022-jp|euc-kr|big5|gbk|gb18030)$/i;

/** The bytes as UTF-8 when they are valid UTF-8 and hold at least one non-ASCII character, else null. */
function asUtf8WithNonAscii(bytes: Uint8Array): string | null {
  if (!bytes.some((b) => b >= 0x80)) return null;
  try {
    return new WhatwgTextDecoder("UTF-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** The `charset=` parameter of a Content-Type header value, or null. */
export function charsetOfContentType(contentType: string | null | undefined): string | null {
  const match = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType ?? "");
  return match?.[2] ?? null;
}

/**
 * Decodes the bytes of a document. `html: true` runs the full HTML sniffing (BOM, `contentType`'s charset,
 * meta prescan); plain text uses BOM, then `contentType`'s charset. Both fall back to UTF-8 (the issue's
 * rule; a browser in an English locale would guess windows-1252). Two departures from a browser, so that
 * no text is imported as mojibake without a word:
 * - bytes that declare (or sniff as) a legacy encoding but are valid UTF-8 with at least one non-ASCII
 *   character are read as UTF-8 (`encoding: "UTF-8"`, `declared` the other): a page saved as UTF-8 under
 *   a stale declaration — real legacy text is almost never valid UTF-8, as a byte ≥ 0x80 there must
 *   come in exactly the sequences UTF-8 uses;
 * - UTF-8, UTF-16 and the multi-byte legacy encodings (Shift_JIS, EUC-JP, ISO-2022-JP, EUC-KR, Big5,
 *   GBK, gb18030) are decoded strictly, so bytes that are not valid in them give `{ ok: false }` with a
 *   message naming the encoding; the single-byte legacy encodings map every byte and never fail.
 * Never throws.
 */
export function decodeDocumentBytes(bytes: Uint8Array, { html, contentType }: { html: boolean; contentType?: string | null }): DecodedText {
  const declared = charsetOfContentType(contentType);
  let encoding: string;
  if (html) {
    encoding = htmlEncodingSniffer(bytes, { transportLayerEncodingLabel: declared ?? undefined, defaultEncoding: "UTF-8" });
  } else {
    encoding = getBOMEncoding(bytes) ?? (declared ? labelToName(declared) : null) ?? "UTF-8";
  }
  if (!UNICODE.test(encoding)) {
    const utf8 = asUtf8WithNonAscii(bytes);
    if (utf8 !== null) return { ok: true, text: utf8.replace(/^\uFEFF/, ""), encoding: "UTF-8", declared: encoding };
  }
  // The HTML Standard maps ISO-2022-KR, HZ-GB-2312 and a few others to "replacement", which reads any
  // document as one U+FFFD (they can smuggle markup past filters): say so, in words.
  if (encoding.toLowerCase() === "replacement") {
    return { ok: false, encoding, message: "This page declares a character set that browsers refuse to read for safety (such as ISO-2022-KR or HZ-GB-2312). Save it as UTF-8 and try again." };
  }
  const strict = UNICODE.test(encoding) || MULTI_BYTE_LEGACY.test(encoding);
  try {
    return { ok: true, text: new WhatwgTextDecoder(encoding, { fatal: strict }).decode(bytes), encoding };
  } catch {
    return { ok: false, encoding, message: `The text is not valid ${encoding}.` };
  }
}

/** True when the bytes start with a UTF-16 byte-order mark (such text legitimately contains NUL bytes). */
export function hasUtf16Bom(bytes: Uint8Array): boolean {
  return /^UTF-16/i.test(getBOMEncoding(bytes) ?? "");
}

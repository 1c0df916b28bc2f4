import "server-only";
import { WARCRecord, WARCSerializer } from "warcio";
import type { FetchedDocument } from "../fetch-url";

/**
 * One WARC/1.1 file (ISO 28500) holding a warcinfo record and the HTTP response as received (status
 * line, header lines, undecoded body), written with warcio (which computes the block and payload
 * digests and lengths). `fetchedAt` is the WARC-Date.
 */
export async function responseWarc(doc: FetchedDocument, fetchedAt: Date): Promise<Uint8Array> {
  const warcVersion = "WARC/1.1";
  const info = await WARCRecord.createWARCInfo({ filename: "evidence.warc", warcVersion }, { software: "ClaimLedger evidence archive", format: "WARC File Format 1.1" });
  // Header lines as received; a repeated header is joined with ", " (RFC 9110 §5.3).
  const headers: Record<string, string> = {};
  for (const [name, value] of doc.raw.headers) headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  const body = doc.raw.body;
  const record = WARCRecord.create(
    {
      url: doc.url,
      date: fetchedAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
      type: "response",
      warcVersion,
      statusline: `HTTP/${doc.raw.httpVersion} ${doc.raw.status} ${doc.raw.statusText}`.trim(),
      httpHeaders: headers,
      keepHeadersCase: true,
    },
    (async function* () {
      yield new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    })(),
  );
  const parts = [await WARCSerializer.serialize(info), await WARCSerializer.serialize(record)];
  const out = new Uint8Array(parts[0]!.byteLength + parts[1]!.byteLength);
  out.set(parts[0]!, 0);
  out.set(parts[1]!, parts[0]!.byteLength);
  return out;
}

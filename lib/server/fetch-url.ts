import "server-only";
import { lookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { AppError } from "@/lib/domain/errors";
import { isPublicAddress } from "@/lib/domain/net-address";
import { decodeDocumentBytes } from "@/lib/domain/text-decoding";

export const MAX_FETCH_BYTES = 2 * 1024 * 1024;
const TIMEOUT_MS = 10_000;
const MAX_REDIRECTS = 3;
const TEXT_TYPES = ["text/html", "application/xhtml+xml", "text/plain", "text/markdown"];

export interface FetchedDocument {
  url: string;
  contentType: string;
  body: string;
  /** The final response as received (status, header lines in order, undecoded bytes), for WARC archiving. */
  raw: { status: number; statusText: string; httpVersion: string; headers: [string, string][]; body: Buffer };
}

/**
 * Test-only: hosts (host:port) that may be fetched although they resolve to loopback, for the local
 * fixture server. Read at call time; empty in production.
 */
function allowlist(): Set<string> {
  return new Set((process.env.CLAIMLEDGER_FETCH_ALLOWLIST ?? "").split(",").map((s) => s.trim()).filter(Boolean));
}

function fail(message: string): never {
  throw new AppError("VALIDATION", message, { fields: { url: [message] } });
}

const NOT_A_URL = "Enter a full http:// or https:// address.";
const NOT_HTTP = "Only http:// and https:// addresses can be imported.";
const NOT_PUBLIC = "That address points into a private network or this machine; only public web pages can be fetched.";

/** The URL's host as an address or a name to look up (an IPv6 literal without its brackets). */
const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, "");

/**
 * Why fetchPublicDocument refuses `rawUrl` before any network I/O — the same message it throws — or
 * null when only a DNS look-up or a fetch can tell: not a URL, not http(s), or a host that is a
 * literal IP address that is not public (and not on the test allowlist). Sends nothing.
 */
export function refusalBeforeFetch(rawUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return NOT_A_URL;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return NOT_HTTP;
  const host = hostOf(url);
  return isIP(host) !== 0 && !allowlist().has(url.host) && !isPublicAddress(host) ? NOT_PUBLIC : null;
}

async function resolveChecked(url: URL): Promise<{ address: string; family: number }> {
  const host = hostOf(url);
  let records: { address: string; family: number }[];
  try {
    records = await lookup(host, { all: true, verbatim: true });
  } catch {
    fail(`The address ${url.hostname} could not be found.`);
  }
  if (records.length === 0) fail(`The address ${url.hostname} could not be found.`);
  const allowed = allowlist().has(url.host);
  for (const r of records) {
    if (!allowed && !isPublicAddress(r.address)) {
      fail(NOT_PUBLIC);
    }
  }
  return records[0]!;
}

function requestOnce(url: URL, pinned: { address: string; family: number }, deadline: number) {
  return new Promise<{ status: number; location?: string; contentType: string; body: Buffer; statusText?: string; httpVersion?: string; rawHeaders?: string[] }>((resolve, reject) => {
    // Connect to the address that was checked, so a second DNS answer cannot point elsewhere.
    const pinnedLookup: LookupFunction = (_host, options, callback) => {
      if (typeof options === "object" && options?.all) callback(null, [pinned]);
      else callback(null, pinned.address, pinned.family);
    };
    const client = url.protocol === "https:" ? https : http;
    const req = client.request(
      url,
      {
        method: "GET",
        lookup: pinnedLookup,
        headers: { "user-agent": "ClaimLedger/0.1 (article import)", accept: TEXT_TYPES.join(", ") },
        timeout: Math.max(1, deadline - Date.now()),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const contentType = String(res.headers["content-type"] ?? "");
        if (status >= 300 && status < 400) {
          res.resume();
          resolve({ status, location: res.headers.location, contentType, body: Buffer.alloc(0) });
          return;
        }
        const declared = Number(res.headers["content-length"] ?? 0);
        if (declared > MAX_FETCH_BYTES) {
          req.destroy();
          reject(new AppError("PAYLOAD_TOO_LARGE", "That page is larger than 2 MB."));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_FETCH_BYTES) {
            req.destroy();
            reject(new AppError("PAYLOAD_TOO_LARGE", "That page is larger than 2 MB."));
            return;
          }
          chunks.push(chunk);
        });
        res.on("end", () =>
          resolve({ status, contentType, body: Buffer.concat(chunks), statusText: res.statusMessage ?? "", httpVersion: res.httpVersion, rawHeaders: res.rawHeaders }),
        );
        res.on("error", reject);
      },
    );
    const timer = setTimeout(() => req.destroy(new Error("timeout")), Math.max(1, deadline - Date.now()));
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (error) => reject(error));
    req.on("close", () => clearTimeout(timer));
    req.end();
  });
}

function decode(body: Buffer, contentType: string, mime: string): string {
  const decoded = decodeDocumentBytes(body, { html: mime === "text/html" || mime === "application/xhtml+xml", contentType });
  if (!decoded.ok) {
    fail(
      decoded.encoding.toLowerCase() === "replacement"
        ? decoded.message
        : `That page's text could not be read (it is not valid ${decoded.encoding}, the encoding it declares or the UTF-8 default).`,
    );
  }
  return decoded.text;
}

/**
 * Fetches a public http(s) page for import: refuses private/loopback/link-local targets, caps size (2 MB)
 * and time (10 s), follows at most 3 redirects and only within the same host, and accepts text types only.
 */
export async function fetchPublicDocument(rawUrl: string, { timeoutMs = TIMEOUT_MS } = {}): Promise<FetchedDocument> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    fail(NOT_A_URL);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") fail(NOT_HTTP);
  const originalHost = url.host;
  const deadline = Date.now() + timeoutMs;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const pinned = await resolveChecked(url);
    let res;
    try {
      res = await requestOnce(url, pinned, deadline);
    } catch (error) {
      if (error instanceof AppError) throw error;
      fail(Date.now() >= deadline ? `The page took too long to answer (over ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} seconds` : `${timeoutMs} ms`}).` : "The page could not be fetched.");
    }
    if (res.status >= 300 && res.status < 400) {
      if (!res.location) fail("The page redirected without saying where.");
      const next = new URL(res.location, url);
      if (next.host !== originalHost || (next.protocol !== "http:" && next.protocol !== "https:")) {
        fail(`The page redirects to another site (${next.host}); import that address directly if you trust it.`);
      }
      url = next;
      continue;
    }
    if (res.status < 200 || res.status >= 300) fail(`The page answered with HTTP ${res.status}.`);
    const mime = res.contentType.split(";")[0]!.trim().toLowerCase();
    if (!TEXT_TYPES.includes(mime)) fail(`That address returns ${mime || "an unknown type"}, not an HTML or text page.`);
    const headers: [string, string][] = [];
    for (let i = 0; i + 1 < (res.rawHeaders ?? []).length; i += 2) headers.push([res.rawHeaders![i]!, res.rawHeaders![i + 1]!]);
    const raw = { status: res.status, statusText: res.statusText ?? "", httpVersion: res.httpVersion ?? "1.1", headers, body: res.body };
    return { url: url.toString(), contentType: mime, body: decode(res.body, res.contentType, mime), raw };
  }
  fail("The page redirected too many times.");
}

/**
 * Seeded fuzz of every POST endpoint of /api/v1 through its route handler: 300 random and malformed
 * bodies each (lone surrogates, NUL, dates past year 9999, wrong types, unknown keys, broken JSON,
 * invalid UTF-8, wrong content types). Whatever arrives, the answer is never a 5xx. The seed is fixed,
 * so a failure names a body that reproduces it.
 */
import { describe, expect, it } from "vitest";
import { POST as importArticleRoute } from "@/app/api/v1/articles/route";
import { POST as addEvidenceRoute } from "@/app/api/v1/claims/[claimId]/evidence/route";
import { POST as proposeVerdictRoute } from "@/app/api/v1/claims/[claimId]/verdict/route";
import { freshIp, makeApiToken, routeParams } from "./testing/api";
import { claimState, makeAssignedClaim, makeEvidence, makeUser } from "./testing/factories";

const SEED = 0x14_2026;
const BODIES_PER_ENDPOINT = 300;

/** mulberry32: a small seeded PRNG (public-domain algorithm by Tommy Ettinger), floats in [0, 1). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EVIL_STRINGS = [
  "x\udfffy", "\ud83d", "\ude00\ud83d", "a\u0000b", "\u0000", "", " ", "😀", "e\u0301", "\u202e\u2066rtl", "\u2028\u2029",
  "275760-09-13", "-271821-04-20", "0000-00-00", "2026-02-30", "9999-12-31T23:59:59Z", "1e309", "NaN", "-1",
  "javascript:alert(1)", "data:text/html,x", "http://", "https://example.org/\ud83d", "http://[::1]/", "file:///etc/passwd",
  "'; DROP TABLE Claim; --", "<script>alert(1)</script>", "=cmd|' /C calc'!A0", "SUPPORTS", "REFUTES", "FALSE", "TRUE",
  "__proto__", "constructor", "%00", "\\u0000", "\ufeff", "\uffff", "\udbff\udfff",
];

function randomString(rand: () => number): string {
  const pick = rand();
  if (pick < 0.5) return EVIL_STRINGS[Math.floor(rand() * EVIL_STRINGS.length)]!;
  const length = Math.floor(rand() * (rand() < 0.1 ? 3000 : 40));
  let out = "";
  for (let i = 0; i < length; i++) {
    const r = rand();
    // Mostly printable ASCII, then any BMP code unit (lone surrogates included), then astral pairs.
    out += r < 0.7 ? String.fromCharCode(32 + Math.floor(rand() * 95)) : r < 0.95 ? String.fromCharCode(Math.floor(rand() * 0x10000)) : String.fromCodePoint(0x10000 + Math.floor(rand() * 0xfffff));
  }
  return out;
}

function randomValue(rand: () => number, depth = 0): unknown {
  const r = rand();
  if (r < 0.55) return randomString(rand);
  if (r < 0.65) return [0, -1, 1.5, 1e308, -1e308, 2 ** 53, Number.MAX_SAFE_INTEGER + 2][Math.floor(rand() * 7)];
  if (r < 0.7) return null;
  if (r < 0.75) return rand() < 0.5;
  if (r < 0.85 && depth < 2) return [randomValue(rand, depth + 1), randomValue(rand, depth + 1)];
  if (depth < 2) return { [randomString(rand).slice(0, 10)]: randomValue(rand, depth + 1) };
  return undefined;
}

/** A body: a valid one with fields replaced, dropped or added, or raw bytes that are not a JSON object. */
function randomBody(rand: () => number, valid: Record<string, unknown>): { raw?: string | Uint8Array; json?: Record<string, unknown>; contentType: string } {
  const contentType = rand() < 0.05 ? ["text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1"][Math.floor(rand() * 3)]! : "application/json";
  const r = rand();
  if (r < 0.08) return { raw: JSON.stringify(valid).slice(0, Math.floor(rand() * 40)), contentType };
  if (r < 0.12) return { raw: Uint8Array.from({ length: 1 + Math.floor(rand() * 64) }, () => Math.floor(rand() * 256)), contentType };
  if (r < 0.16) return { raw: JSON.stringify(randomValue(rand)) ?? "undefined", contentType };
  const body: Record<string, unknown> = { ...valid };
  const keys = Object.keys(body);
  const changes = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < changes; i++) {
    const c = rand();
    const key = keys[Math.floor(rand() * keys.length)]!;
    if (c < 0.7) body[key] = randomValue(rand);
    else if (c < 0.85) delete body[key];
    else body[["role", "status", "version", "__proto__", "addedById", randomString(rand)][Math.floor(rand() * 6)]!] = randomValue(rand);
  }
  // JSON.stringify keeps lone surrogates as \\uXXXX escapes, as a client sending them would.
  return { json: body, contentType };
}

function request(path: string, token: string, body: ReturnType<typeof randomBody>, headers: Record<string, string> = {}): Request {
  const raw = body.raw ?? JSON.stringify(body.json);
  return new Request(`http://127.0.0.1${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": body.contentType, "x-forwarded-for": freshIp(), ...headers },
    body: raw as BodyInit,
  });
}

async function fuzz(name: string, valid: Record<string, unknown>, send: (body: ReturnType<typeof randomBody>, rand: () => number) => Promise<Response>) {
  const rand = prng(SEED ^ name.length);
  const statuses = new Map<number, number>();
  const failures: string[] = [];
  for (let i = 0; i < BODIES_PER_ENDPOINT; i++) {
    const body = randomBody(rand, valid);
    const response = await send(body, rand);
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    if (response.status >= 500) failures.push(`#${i} ${response.status}: ${String(body.raw ?? JSON.stringify(body.json)).slice(0, 200)}`);
    else await response.arrayBuffer();
  }
  expect(failures).toEqual([]);
  // The bodies reached validation and beyond: mostly refusals, some accepted.
  expect([...statuses.keys()].some((s) => s === 400)).toBe(true);
  return statuses;
}

describe("fuzzing POST /api/v1 with a fixed seed", () => {
  it("POST /articles: 300 malformed bodies, no 5xx", async () => {
    const admin = await makeUser("ADMIN");
    const editor = await makeUser("EDITOR");
    const token = await makeApiToken(admin, editor, "WRITE");
    const valid = { title: "Fuzz", outlet: "Outlet", author: "A. Writer", url: "https://example.org/a", publishedAt: "2026-03-01", text: "Unemployment fell to 3.5 percent in 2025, officials said." };
    await fuzz("articles", valid, (body) => importArticleRoute(request("/api/v1/articles", token.secret, body)));
  });

  it("POST /claims/{id}/evidence: 300 malformed bodies, no 5xx", async () => {
    const admin = await makeUser("ADMIN");
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const token = await makeApiToken(admin, reviewer, "WRITE");
    const valid = { url: "https://example.org/report", title: "Report", publisher: "Agency", quote: "The figure was 2,000.", stance: "REFUTES" };
    const statuses = await fuzz("evidence", valid, (body, rand) => {
      const claimId = rand() < 0.9 ? claim.id : randomString(rand).replace(/\p{Cs}/gu, "?");
      return addEvidenceRoute(request(`/api/v1/claims/${encodeURIComponent(claimId)}/evidence`, token.secret, body), routeParams({ claimId }));
    });
    expect(statuses.get(201) ?? 0).toBeGreaterThan(0);
  });

  it("POST /claims/{id}/verdict: 300 malformed bodies, no 5xx", async () => {
    const admin = await makeUser("ADMIN");
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    await makeEvidence(reviewer, claim.id);
    const { version } = await claimState(claim.id);
    const token = await makeApiToken(admin, reviewer, "WRITE");
    const valid = { rating: "FALSE", rationale: "The figures do not match." };
    await fuzz("verdict", valid, (body, rand) => {
      // Mostly the claim's ETag, so bodies reach validation; sometimes a stale, wildcard or garbled one.
      const ifMatch = rand() < 0.7 ? `"v${version}"` : [`"v${Math.floor(rand() * 4)}"`, "*", randomString(rand).replace(/[^\x20-\x7e]/g, ""), `"v1", "v${version}"`][Math.floor(rand() * 4)]!;
      return proposeVerdictRoute(request(`/api/v1/claims/${claim.id}/verdict`, token.secret, body, { "if-match": ifMatch }), routeParams({ claimId: claim.id }));
    });
  });
});

import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sliceCodePoints } from "@/lib/domain/text-span";
import { importArticle, sha256Hex } from "./articles";
import { getDb } from "./db";
import { fetchPublicDocument } from "./fetch-url";
import { previewUploadedFile, previewUrl } from "./import-sources";
import { importArticleSchema } from "@/lib/validation/articles";
import { makeUser } from "./testing/factories";
import { countQueries } from "./testing/query-counter";
import { DEMO_ARTICLES, readDemoArticle } from "./seed/demo-data";

function articleText(tag: string) {
  return [
    `Budget report ${tag}`,
    "",
    "The city council approved a budget of $4.5 million for schools on Monday, according to the mayor's office.",
    "Unemployment fell to 3.5 percent last year, the lowest rate in five decades, the Labor Department said.",
    "The new bridge, with a span of up to 1,200 feet, will open in 2027 if funding holds.",
  ].join("\n");
}

async function countRows() {
  const db = await getDb();
  const [articles, claims, audit] = await Promise.all([db.article.count(), db.claim.count(), db.auditEvent.count()]);
  return { articles, claims, audit };
}

describe("importArticle", () => {
  it("saves an immutable snapshot with its sha-256 and suggests anchored claims, ranked", async () => {
    const editor = await makeUser("EDITOR");
    const text = articleText(randomUUID());
    const { id, created } = await importArticle(editor, { title: "Budget", outlet: "City Desk", author: undefined, publishedAt: undefined, text });
    expect(created).toBe(true);
    const db = await getDb();
    const article = await db.article.findUniqueOrThrow({ where: { id }, include: { claims: true } });
    expect(article.text).toBe(text);
    expect(article.contentHash).toBe(sha256Hex(text));
    expect(article.claims.length).toBeGreaterThanOrEqual(3);
    for (const claim of article.claims) {
      expect(claim.status).toBe("SUGGESTED");
      expect(claim.origin).toBe("EXTRACTED");
      expect(sliceCodePoints(text, claim.start, claim.end)).toBe(claim.quote);
      expect(text).toContain(claim.prefix + claim.quote + claim.suffix);
      expect(claim.checkworthiness).toBeGreaterThan(0);
      expect(JSON.parse(claim.reasons)).toBeInstanceOf(Array);
    }
    const budget = article.claims.find((c) => c.text.includes("$4.5 million"));
    expect(budget?.kind).toBe("QUANTITY");
    const events = await db.auditEvent.findMany({ where: { entityType: "Article", entityId: id } });
    expect(events.map((e) => e.action)).toEqual(["article.import"]);
  });

  it("writes an article's claims and their audit events in a few statements, whatever their number, chained in claim order", async () => {
    const editor = await makeUser("EDITOR");
    const text = `${randomUUID()}\n\n${DEMO_ARTICLES.map((a) => readDemoArticle(a.file)).join("\n\n")}`;
    const { result, statements } = await countQueries(() => importArticle(editor, { title: "Many claims", outlet: "A", author: undefined, publishedAt: undefined, text }));
    const db = await getDb();
    const claims = await db.claim.findMany({ where: { articleId: result.id }, orderBy: { start: "asc" } });
    expect(claims.length).toBeGreaterThanOrEqual(15);
    const writes = statements.filter((q) => /^\s*(INSERT|UPDATE|DELETE)/i.test(q));
    // When earlier tests left these articles' claims on the desk, the new claims join their clusters:
    // one UPDATE per cluster (not per claim), counted apart so the bound holds in any test order.
    const clusterUpdates = writes.filter((q) => /^\s*UPDATE\b[\s\S]*?Claim[`"]?\s+SET\s+[`"]?clusterId/i.test(q));
    const clusters = new Set(claims.map((c) => c.clusterId).filter(Boolean)).size;
    expect(clusterUpdates.length).toBeLessThanOrEqual(clusters);
    // Two statements per claim before (a claim INSERT and an audit INSERT each).
    expect(writes.length - clusterUpdates.length).toBeLessThan(12);
    // Plus the story suggestion that follows the commit (issue 18): six reads of stored candidates and,
    // when one scores high enough, one short step of its own — a fixed number, whatever the claims.
    expect(statements.length - clusterUpdates.length).toBeLessThan(24 + 16);
    // (claim.match events follow when the desk already holds these articles' claims.)
    const events = await db.auditEvent.findMany({
      where: { OR: [{ entityId: result.id }, { claimId: { in: claims.map((c) => c.id) } }], action: { in: ["article.import", "claim.create"] } },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => e.action)).toEqual(["article.import", ...claims.map(() => "claim.create")]);
    // One unbroken chain: each event links to the one before it, ids consecutive.
    for (let i = 1; i < events.length; i++) {
      expect(events[i]!.prevHash).toBe(events[i - 1]!.hash);
      expect(events[i]!.id).toBe(events[i - 1]!.id + 1);
    }
    const created = events.slice(1).map((e) => JSON.parse(e.after!) as { start: number });
    expect(new Set(events.slice(1).map((e) => e.entityId))).toEqual(new Set(claims.map((c) => c.id)));
    for (const [i, e] of events.slice(1).entries()) expect(claims.find((c) => c.id === e.entityId)!.start).toBe(created[i]!.start);
  });

  it("opens the existing article when the same text is imported again, even with CRLF line ends", async () => {
    const editor = await makeUser("EDITOR");
    const text = articleText(randomUUID());
    const first = await importArticle(editor, { title: "First", outlet: "A", author: undefined, publishedAt: undefined, text });
    const before = await countRows();
    const again = await importArticle(editor, { title: "Second title", outlet: "B", author: undefined, publishedAt: undefined, text: text.replace(/\n/g, "\r\n") });
    expect(again).toEqual({ id: first.id, created: false });
    expect(await countRows()).toEqual(before);
  });

  it("creates one article when two editors import the same text at the same moment", async () => {
    const editor = await makeUser("EDITOR");
    const other = await makeUser("EDITOR");
    const text = articleText(randomUUID());
    const results = await Promise.all([
      importArticle(editor, { title: "Race", outlet: "A", author: undefined, publishedAt: undefined, text }),
      importArticle(other, { title: "Race", outlet: "A", author: undefined, publishedAt: undefined, text }),
    ]);
    expect(results[0]!.id).toBe(results[1]!.id);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const db = await getDb();
    expect(await db.article.count({ where: { contentHash: sha256Hex(text) } })).toBe(1);
  });

  it("counts offsets in code points, so emoji and other astral characters do not shift anchors", async () => {
    const editor = await makeUser("EDITOR");
    const text = `🚀🇺🇦 Launch ${randomUUID()} 𝒜\n\nThe agency said the rocket carried 3 satellites to an orbit of 550 kilometres on Tuesday.`;
    const { id } = await importArticle(editor, { title: "Emoji", outlet: "A", author: undefined, publishedAt: undefined, text });
    const db = await getDb();
    const claim = await db.claim.findFirstOrThrow({ where: { articleId: id, text: { contains: "satellites" } } });
    expect(sliceCodePoints(text, claim.start, claim.end)).toBe(claim.quote);
    expect(claim.start).toBe(Array.from(text).indexOf("T", Array.from(text).indexOf("\n")));
  });

  it("refuses a reviewer and stores nothing", async () => {
    const reviewer = await makeUser("REVIEWER");
    const before = await countRows();
    await expect(
      importArticle(reviewer, { title: "x", outlet: "y", author: undefined, publishedAt: undefined, text: articleText(randomUUID()) }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await countRows()).toEqual(before);
  });
});

describe("uploaded files", () => {
  const file = (content: BlobPart, name: string) => new File([content], name);

  it("reads .txt, .md and .html, with metadata found in the HTML", async () => {
    const editor = await makeUser("EDITOR");
    const txt = await previewUploadedFile(editor, file("Headline here\n\nThe council approved $4.5 million on Monday.", "story.txt"));
    expect(txt).toMatchObject({ title: "Headline here" });
    const html = `<!doctype html><html><head><title>Page</title><meta property="og:title" content="Council approves school budget"><meta property="og:site_name" content="City Times"><meta name="author" content="Jo Reporter"><meta property="article:published_time" content="2026-03-02T10:00:00Z"></head>
      <body><nav>Home | News</nav><article><h1>Council approves school budget</h1><p>The city council approved a budget of $4.5 million for schools on Monday, the mayor's office said in a statement.</p><p>Officials said the money would pay for 40 new teachers and repairs to 12 buildings across the district.</p></article><script>var tracking = 1;</script></body></html>`;
    const preview = await previewUploadedFile(editor, file(html, "story.html"));
    expect(preview.title).toBe("Council approves school budget");
    expect(preview.outlet).toBe("City Times");
    expect(preview.author).toBe("Jo Reporter");
    expect(preview.publishedAt).toBe("2026-03-02");
    expect(preview.text).toContain("40 new teachers");
    expect(preview.text).not.toContain("tracking");
  });

  it.each([
    ["an empty file", file("", "a.txt"), /empty/],
    ["a binary file", file(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x41]), "a.txt"), /binary/],
    ["a file that is not UTF-8", file(new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x6f, 0x69, 0x72]), "a.txt"), /not UTF-8/],
    ["a file over 2 MB", file("a".repeat(2 * 1024 * 1024 + 1), "a.txt"), /larger than 2 MB/],
    // 1.2 MB of windows-1252 "€" (one byte each) is 3.6 MB of UTF-8: over the article limit once decoded.
    [
      "a legacy-charset page whose text is over 2 MB once decoded",
      file(Buffer.concat([Buffer.from('<html><head><meta charset="windows-1252"></head><body><p>', "latin1"), Buffer.alloc(1_200_000, 0x80), Buffer.from("</p></body></html>", "latin1")]), "euro.html"),
      /^Article text must be at most 2 MB; this text is 3\.4 MB\./,
    ],
    ["another type of file", file("%PDF-1.7", "a.pdf"), /\.txt, \.md or \.html/],
    ["HTML that is mostly script", file(`<html><body><script>${"x=1;".repeat(5000)}</script><p>Hi</p></body></html>`, "a.html"), /No readable article text/],
    // A hand-made request can send the form's file field as text, or leave it out.
    ["a text field in place of the file", "<p>not a file</p>", /Choose a file/],
    ["no file at all", null, /Choose a file/],
  ])("refuses %s with a clear message", async (_label, input: unknown, message) => {
    const editor = await makeUser("EDITOR");
    await expect(previewUploadedFile(editor, input)).rejects.toThrow(message);
  });

  it("previews a file of exactly 2 MB, and the import takes the text it previewed", async () => {
    const editor = await makeUser("EDITOR");
    const text = "The council approved $4.5 million on Monday.\n".repeat(45_590).padEnd(2 * 1024 * 1024, "x");
    const preview = await previewUploadedFile(editor, file(text, "exact.txt"));
    expect(preview.text).toBe(text.trim());
    expect(importArticleSchema.safeParse({ title: "T", outlet: "O", text: preview.text }).success).toBe(true);
  });
});

const REAL_WORLD_WWW = path.join(__dirname, "../../../shared/fixtures/real-world/www");
const CP1252_PAGE = fs.readFileSync(path.join(REAL_WORLD_WWW, "cp1252.html"));
const LEGACY_PAGE = Buffer.from(
  `<!doctype html><html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><title>Caf\xe9s</title></head><body><article><p>The caf\xe9 association said on Monday that rents in the capital rose by 40 percent last year, according to the ministry.</p><p>\xabWe have lost 1,200 caf\xe9s,\xbb the association's president said.</p></article></body></html>`,
  "latin1",
);

describe("odd and legacy pages", () => {
  const file = (content: BlobPart, name: string) => new File([content], name);

  it.each([
    ["cp1252.html (meta charset only)", () => CP1252_PAGE, "rose by 40 percent", "1,200 cafés in three years"],
    ["a meta http-equiv ISO-8859-1 page", () => LEGACY_PAGE, "The café association", "«We have lost 1,200 cafés,»"],
  ])("decodes an uploaded %s as a browser does", async (_label, bytes, first, second) => {
    const editor = await makeUser("EDITOR");
    const preview = await previewUploadedFile(editor, file(new Uint8Array(bytes()), "page.html"));
    expect(preview.text).toContain(first);
    expect(preview.text).toContain(second);
    expect(preview.text).not.toContain("\uFFFD");
  });

  it("reads a .html file without tags as plain text and a bare fragment as a page", async () => {
    const editor = await makeUser("EDITOR");
    const words = "The council approved a budget of $4.5 million for schools on Monday, the mayor said.\n\nOfficials said 40 teachers would be hired.";
    expect((await previewUploadedFile(editor, file(words, "notes.html"))).text).toBe(words);
    const fragment = "<p>The council approved a budget of $4.5 million for schools on Monday, the mayor said.</p><p>Officials said 40 teachers would be hired.</p>";
    expect((await previewUploadedFile(editor, file(fragment, "fragment.htm"))).text).toBe(words);
  });

  it.each([["a lone tag", "<p>"], ["only closing tags", "</div></div>"], ["only a comment", "<!-- nothing here -->"]])("answers %s with a clear message", async (_label, html) => {
    const editor = await makeUser("EDITOR");
    await expect(previewUploadedFile(editor, file(html, "odd.html"))).rejects.toMatchObject({ code: "VALIDATION" });
  });
});

describe("fetching a URL", () => {
  let server: http.Server;
  let base = "";
  let host = "";
  const previousAllowlist = process.env.CLAIMLEDGER_FETCH_ALLOWLIST;
  const ARTICLE_HTML = `<html><head><title>Fixture story</title><meta property="og:site_name" content="Fixture News"></head><body><article><h1>Fixture story</h1><p>The council approved a budget of $4.5 million for schools on Monday, the mayor's office said.</p><p>Officials said the money would pay for 40 new teachers across the district next year.</p></article></body></html>`;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const path = req.url ?? "/";
      if (path === "/article") return res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(ARTICLE_HTML);
      if (path === "/plain") return res.writeHead(200, { "content-type": "text/plain" }).end("Plain headline\n\nThe mayor said 40 teachers were hired.");
      if (path === "/same-host-redirect") return res.writeHead(302, { location: "/article" }).end();
      if (path === "/other-host-redirect") return res.writeHead(302, { location: `http://localhost:${(server.address() as AddressInfo).port}/article` }).end();
      if (path === "/pdf") return res.writeHead(200, { "content-type": "application/pdf" }).end("%PDF-1.7");
      if (path === "/huge") {
        res.writeHead(200, { "content-type": "text/plain" });
        const chunk = "x".repeat(64 * 1024);
        for (let i = 0; i < 40; i++) res.write(chunk); // 2.5 MB, no content-length
        return res.end();
      }
      if (path === "/latin1") return res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end(Buffer.from([0x43, 0x61, 0x66, 0xe9]));
      if (path === "/script") return res.writeHead(200, { "content-type": "text/html" }).end(`<html><body><script>${"a();".repeat(3000)}</script></body></html>`);
      if (path === "/cp1252") return res.writeHead(200, { "content-type": "text/html" }).end(CP1252_PAGE);
      if (path === "/latin1-meta") return res.writeHead(200, { "content-type": "text/html" }).end(LEGACY_PAGE);
      if (path === "/slow") return; // never answers
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    base = `http://${host}`;
    process.env.CLAIMLEDGER_FETCH_ALLOWLIST = host; // the explicit test-only allowlist
  });

  afterAll(async () => {
    process.env.CLAIMLEDGER_FETCH_ALLOWLIST = previousAllowlist;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("reduces an allowed page to its readable text with metadata", async () => {
    const editor = await makeUser("EDITOR");
    const preview = await previewUrl(editor, `${base}/article`);
    expect(preview).toMatchObject({ title: "Fixture story", outlet: "Fixture News", url: `${base}/article` });
    expect(preview.text).toContain("40 new teachers");
    expect((await previewUrl(editor, `${base}/plain`)).title).toBe("Plain headline");
  });

  it.each([
    ["/cp1252", "1,200 cafés in three years", "Le Quotidien Test"],
    ["/latin1-meta", "The café association", "127.0.0.1"],
  ])("decodes %s, served as text/html without a charset, by its <meta> declaration", async (route, expected, outlet) => {
    const editor = await makeUser("EDITOR");
    const preview = await previewUrl(editor, `${base}${route}`);
    expect(preview.text).toContain(expected);
    expect(preview.outlet).toBe(outlet);
  });

  it("follows a redirect on the same host only", async () => {
    expect((await fetchPublicDocument(`${base}/same-host-redirect`)).url).toBe(`${base}/article`);
    await expect(fetchPublicDocument(`${base}/other-host-redirect`)).rejects.toThrow(/redirects to another site/);
  });

  it.each([
    ["a non-text type", "/pdf", /application\/pdf, not an HTML or text page/],
    ["a body over 2 MB", "/huge", /larger than 2 MB/],
    ["text that is not valid in its encoding", "/latin1", /could not be read/],
    ["a 404", "/missing", /HTTP 404/],
  ])("refuses %s", async (_label, path, message) => {
    await expect(fetchPublicDocument(`${base}${path}`)).rejects.toThrow(message);
  });

  it("refuses a page that is mostly script", async () => {
    const editor = await makeUser("EDITOR");
    await expect(previewUrl(editor, `${base}/script`)).rejects.toThrow(/No readable article text/);
  });

  it("gives up on a page that does not answer in time", async () => {
    const started = Date.now();
    await expect(fetchPublicDocument(`${base}/slow`, { timeoutMs: 300 })).rejects.toThrow(/took too long/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it.each([
    ["a loopback address not on the allowlist", () => `http://127.0.0.2:${host.split(":")[1]}/article`, /private network or this machine/],
    ["localhost", () => `http://localhost:${host.split(":")[1]}/article`, /private network or this machine/],
    ["a private address", () => "http://10.1.2.3/article", /private network or this machine/],
    ["a link-local address", () => "http://169.254.169.254/latest/meta-data", /private network or this machine/],
    ["an IPv6 loopback", () => "http://[::1]/", /private network or this machine/],
    ["an IPv4-compatible loopback", () => `http://[::127.0.0.1]:${host.split(":")[1]}/article`, /private network or this machine/],
    ["an RFC 6145 loopback", () => `http://[::ffff:0:7f00:1]:${host.split(":")[1]}/article`, /private network or this machine/],
    ["a NAT64 loopback", () => `http://[64:ff9b::7f00:1]:${host.split(":")[1]}/article`, /private network or this machine/],
    ["a 6to4 private address", () => "http://[2002:a00:1::1]/", /private network or this machine/],
    ["a scheme other than http(s)", () => "ftp://example.org/a.txt", /Only http:\/\/ and https:\/\//],
    ["a javascript: URL", () => "javascript:alert(1)", /Only http:\/\/ and https:\/\//],
  ])("refuses %s before connecting", async (_label, url, message) => {
    await expect(fetchPublicDocument(url())).rejects.toThrow(message);
  });

  it("refuses a reviewer", async () => {
    const reviewer = await makeUser("REVIEWER");
    await expect(previewUrl(reviewer, `${base}/article`)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

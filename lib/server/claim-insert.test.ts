import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { idSchema } from "@/lib/validation/common";
import { importArticle } from "./articles";
import { getDb } from "./db";
import { findClaimSearchMatches } from "./claim-search";
import { newClaimId } from "./row-inserts";
import { makeUser } from "./testing/factories";

describe("hand-written claim inserts (imports)", () => {
  it("make ids shaped and ordered like Prisma's cuid(): by time, then by a counter within a millisecond", () => {
    const t = Date.UTC(2026, 11, 1, 12);
    const a = newClaimId(t);
    const b = newClaimId(t);
    const c = newClaimId(t + 1);
    expect(a).toHaveLength(25);
    expect(a.startsWith(`c${t.toString(36)}`)).toBe(true);
    expect(idSchema.safeParse(a).success).toBe(true);
    expect([c, b, a].sort()).toEqual([a, b, c]);
    // Prisma's own cuid() of the same millisecond shares the prefix (c + time in base 36).
    expect("cmimpaehx0000abcd12345678" < newClaimId(Date.parse("2026-12-01T12:00:00.001Z"))).toBe(true);
  });

  it("store every column an import sets, read back by Prisma as it wrote them, searchable, newer ids than older claims", async () => {
    const editor = await makeUser("EDITOR");
    const db = await getDb();
    const tag = randomUUID().slice(0, 8);
    const text = [
      `Desk note ${tag}`,
      "",
      `Harbour master Ines Okonkwo said on Friday that 7,400 ${tag} lanterns would stay in the old warehouse until spring.`,
      "",
      `The deficit of the ${tag} programme reached $40 million last year, the city's finance department said.`,
    ].join("\n");
    const before = new Date(Date.now() - 1);
    const { id } = await importArticle(editor, { title: `Inserts ${tag}`, outlet: "Test Wire", author: undefined, publishedAt: undefined, text });
    const claims = await db.claim.findMany({ where: { articleId: id }, orderBy: { start: "asc" } });
    expect(claims.length).toBeGreaterThanOrEqual(2);
    const lanterns = claims.find((c) => c.text.includes("lanterns"))!;
    expect(lanterns).toMatchObject({
      version: 1,
      status: "SUGGESTED",
      origin: "EXTRACTED",
      assigneeId: null,
      clusterId: null,
      clusterConfirmed: false,
      matchSplit: false,
      matchIndexed: true,
      priority: "NORMAL",
      claimant: "Harbour master Ines Okonkwo",
      claimantKind: expect.stringMatching(/^(PERSON|ORGANIZATION)$/),
    });
    expect(text.slice(lanterns.start, lanterns.end)).toBe(lanterns.quote);
    expect(JSON.parse(lanterns.reasons)).toEqual(expect.any(Array));
    expect(lanterns.matchFeatures).toEqual(expect.any(String));
    expect(lanterns.searchText).toContain("lanterns");
    expect(lanterns.claimantSearch).toContain("okonkwo");
    expect(lanterns.createdAt).toBeInstanceOf(Date);
    expect(lanterns.createdAt.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(lanterns.updatedAt.getTime()).toBe(lanterns.createdAt.getTime());
    // Ordered by the date columns like any other claim (same stored format as Prisma's).
    const newest = await db.claim.findFirst({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { articleId: true } });
    expect(newest?.articleId).toBe(id);
    // Every new id sorts after every claim made before the import.
    const older = await db.claim.findFirst({ where: { articleId: { not: id } }, orderBy: { id: "desc" }, select: { id: true, createdAt: true } });
    if (older && older.createdAt < before) for (const c of claims) expect(c.id > older.id).toBe(true);
    // The search index was kept by the insert.
    expect((await findClaimSearchMatches(db, editor, `${tag} lanterns`))?.ids).toContain(lanterns.id);
  });

  it("store the article row (hand-written INSERT) as Prisma reads it: metadata, dates, snapshot, entities; newest by importedAt", async () => {
    const editor = await makeUser("EDITOR");
    const db = await getDb();
    const tag = randomUUID().slice(0, 8);
    const text = `Desk note ${tag}\n\nMayor Ada Lindqvist said the ${tag} bridge cost 12 million euros in Oslo last year.`;
    const publishedAt = new Date("2026-11-30T08:15:00.000Z");
    const before = new Date(Date.now() - 1);
    const { id, created } = await importArticle(editor, { title: `Article ${tag}`, outlet: "Test Wire", author: "R. Writer", url: `https://example.org/${tag}`, publishedAt, text });
    expect(created).toBe(true);
    expect(idSchema.safeParse(id).success).toBe(true);
    const article = await db.article.findUniqueOrThrow({ where: { id } });
    expect(article).toMatchObject({ title: `Article ${tag}`, outlet: "Test Wire", author: "R. Writer", url: `https://example.org/${tag}`, publishedAt, text, importedById: editor.id });
    expect(article.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(article.importedAt.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(JSON.parse(article.entities ?? "null")).toEqual(expect.any(Array));
    const newest = await db.article.findFirst({ orderBy: { importedAt: "desc" }, select: { id: true } });
    expect(newest?.id).toBe(id);
    // The same text again opens this article (looked up by its hash), whatever the metadata.
    expect(await importArticle(editor, { title: "Other", outlet: "Other", author: undefined, publishedAt: undefined, text })).toEqual({ id, created: false });
  });
});

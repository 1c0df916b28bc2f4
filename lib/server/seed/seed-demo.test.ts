/**
 * The README's first command loads the demo desk: this runs the same seed script (and audit:verify)
 * against a scratch SQLite database, so the demo cannot silently break.
 */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/generated/sqlite/client";

const file = path.resolve("prisma/data/demo-check.db");
const env = { ...process.env, DATABASE_URL: `file:${file}`, LOG_LEVEL: "silent" };
const run = (args: string[]) => spawnSync(path.join("node_modules", ".bin", args[0]!), args.slice(1), { env, encoding: "utf8" });
// The signed audit checkpoints belong to the database file they were written for (issue 12).
const clean = () => ["", "-wal", "-shm", "-audit-checkpoints.jsonl"].forEach((s) => rmSync(file + s, { force: true }));

describe("the demo desk", () => {
  afterAll(clean);

  it("loads both articles, the mission claims, a blind double review and a verified audit chain", async () => {
    clean();
    expect(run(["prisma", "migrate", "deploy"]).status).toBe(0);
    const seed = run(["tsx", "--conditions=react-server", "scripts/seed-demo.ts"]);
    expect(seed.stderr).not.toMatch(/Error/);
    // Each article: its best suggestions accepted (at most 10), at least two left for an editor to review.
    const counts = [...seed.stdout.matchAll(/(\d+) claims accepted, (\d+) suggestions left to review/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(counts).toHaveLength(2);
    for (const [accepted, left] of counts) {
      expect(accepted).toBeGreaterThan(0);
      expect(accepted).toBeLessThanOrEqual(10);
      expect(left).toBeGreaterThanOrEqual(2);
    }
    expect(seed.stdout).toContain("Demo data loaded.");

    const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${file}` }) });
    const status = async (phrase: string) => (await db.claim.findFirst({ where: { text: { contains: phrase } } }))?.status;
    expect(await status("3,000 extended-range missiles")).toBe("PROPOSED");
    expect(await status("ranges up to 190 miles")).toBe("PROPOSED");
    expect(await status("green, yellow, and red")).toBe("ASSIGNED");
    expect(await db.claimReviewer.count()).toBe(2);
    // Every demo reviewer has a claim waiting for them, untouched, on first sign-in.
    for (const email of ["riley@demo.claimledger.test", "sam@demo.claimledger.test"]) {
      const waiting = await db.claim.count({ where: { status: "ASSIGNED", assignee: { email } } });
      expect(waiting, email).toBeGreaterThan(0);
    }
    expect(await status("devised by Pentagon Undersecretary Elbridge Colby")).toBe("ASSIGNED");
    // The public site is not empty: two published fact-checks.
    expect(await db.verdict.count({ where: { state: "PUBLISHED", claim: { status: "PUBLISHED" } } })).toBe(2);
    expect(seed.stdout).toContain("Published 2 fact-checks");
    const hegseth = await db.claim.findMany({ where: { clusterId: { not: null }, text: { contains: "Hegseth" } }, select: { articleId: true } });
    expect(new Set(hegseth.map((c) => c.articleId)).size).toBe(2);
    // The two demo articles are one story, suggested on import and confirmed by the seed.
    const stories = await db.story.findMany({ include: { articles: true } });
    expect(stories.map((s) => ({ status: s.status, articles: s.articles.length, suggested: s.articles.filter((a) => a.suggested).length }))).toEqual([
      { status: "CONFIRMED", articles: 2, suggested: 0 },
    ]);
    expect(seed.stdout).toContain("Suggested and confirmed the story");
    await db.$disconnect();

    const verify = run(["tsx", "--conditions=react-server", "scripts/audit-verify.ts"]);
    expect(verify.status).toBe(0);
    expect(verify.stdout).toMatch(/^ok, \d+ events/);
    // A second run keeps what is there.
    expect(run(["tsx", "--conditions=react-server", "scripts/seed-demo.ts"]).stdout).toContain("already has data; keeping it");
  });
});

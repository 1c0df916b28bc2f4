import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { searchFoldKey } from "@/lib/domain/search-fold";
import { claimListFilterSchema } from "@/lib/validation/claims";
import { setClaimant } from "./claimant";
import { findClaimSearchMatches } from "./claim-search";
import { listClaims } from "./claim/list-claims";
import { getDb, provider, writeDriverOf } from "./db";
import { REFOLD_LOCK_KEY, refoldClaimSearch, refoldClaimSearchAtStart, type RefoldResult } from "./search-refold";
import { makeClaimWithText, makeUser } from "./testing/factories";

/**
 * Claims in every script a desk meets, searched with other spellings of their words: the same
 * claims must be found on SQLite (FTS5) and PostgreSQL (tsvector). Run this file on both
 * (`npm run test:pg -- lib/server/claim-search-fold.test.ts` for PostgreSQL).
 */
const CLAIMS: { key: string; text: string; claimant?: string; find: string[]; miss?: string[] }[] = [
  { key: "latin", text: "Zürich's café served crème brûlée to Łódź visitors", find: ["zurich", "ZÜRICH", "cafe", "CAFÉ", "creme brulee", '"crème brûlée"', "lodz", "łódź", "Zür*"], miss: ["zurichs"] },
  { key: "vietnamese", text: "Bộ trưởng nói Việt Nam tăng trưởng", find: ["viet nam", "Việt", "truong"] },
  { key: "greek", text: "Ο ΥΠΟΥΡΓΟΣ ΕΙΠΕ ΟΤΙ Η ΑΘΗΝΑ ΚΕΡΔΙΣΕ", find: ["υπουργος", "υπουργός", "Υπουργοσ", "αθήνα", "αθηνα", "ΑΘΉΝΑ", "υπουργ*"] },
  { key: "cyrillic", text: "Министр сказал, что ещё ВЫРОСЛИ цены", find: ["министр", "МИНИСТР", "еще", "ещё", "выросли", "Мини*"], miss: ["минстр"] },
  { key: "turkish", text: "İSTANBUL'da ışık fiyatları arttı", find: ["istanbul", "İstanbul", "ıstanbul", "ISTANBUL", "isik", "IŞIK", "fıyatları"] },
  { key: "german", text: "Die Straße nach GROẞBRITANNIEN", find: ["strasse", "STRASSE", "straße", "großbritannien", "grossbritannien", "Stra*"] },
  { key: "ligature", text: "The ﬁnal ﬁgures were oﬃcial", find: ["final", "figures", "official", '"final figures"'] },
  { key: "fullwidth", text: "ＮＡＴＯ　ｓｐｅｎｔ　１２３　ｂｉｌｌｉｏｎ", find: ["nato", "NATO", "123", '"nato spent"', "ＮＡＴＯ"] },
  { key: "numbers", text: "CO₂ rose by ½ and x² tripled, ranking ① in ⅓ of cases", find: ["co2", "CO2", "1/2", "½", "x2", "1", "1/3", "⅓"] },
  { key: "arabic", text: "قَالَ الوَزِيرُ إِنَّ المِيزَانِيَّةَ ارْتَفَعَتْ بـــنسبة ٢٠٪", find: ["الوزير", "الوَزِيرُ", "الميزانية", "ان", "بنسبة", "20", "٢٠", "percent"] },
  { key: "hebrew", text: "הַשַּׂר אָמַר שָׁלוֹם לַכְּנֶסֶת", find: ["שלום", "שָׁלוֹם", "השר", "לכנסת"] },
  { key: "devanagari", text: "प्रधानमंत्री ने कहा कि बजट २०२४ में बढ़ा", find: ["प्रधानमंत्री", "प्रधान*", '"बजट"', "2024", "२०२४", "बढ़ा"], miss: ["परधानमंतरी"] },
  { key: "thai", text: "นายกรัฐมนตรีกล่าวว่างบประมาณเพิ่มขึ้น", find: ["นายกรัฐมนตรี", "กล่าว", "งบประมาณ"] },
  { key: "cjk", text: "中国经济增长放缓，日本のコーヒー価格が上昇した", find: ["经济", "经济增长", "增长", "コーヒー", "価格", "が上昇"], miss: ["经长"] },
  { key: "korean", text: "서울에서 물가가 올랐다", find: ["서울", "물가", "서울에서"] },
  { key: "emoji", text: "Prices 📈 while 👍🏽 flags 🇺🇦 waved ❤️", find: ["📈", "👍", "👍🏿", "🇺🇦", "❤", "❤️", "prices"], miss: ["👎"] },
  { key: "invisible", text: "A fact\u00ADcheck of zero\u200Dwidth tricks", find: ["factcheck", "fact\u00ADcheck", "zerowidth", "zero\u200Dwidth"] },
  { key: "claimant", text: "The dam was finished", claimant: "Μητσοτάκης and Erdoğan", find: ["μητσοτακης", "ΜΗΤΣΟΤΆΚΗΣ", "erdogan", "ERDOĞAN"] },
];

describe("claim search: every spelling of a word finds the same claims on SQLite and PostgreSQL", () => {
  it("finds claims in every script by other spellings of their words, and not by other words", async () => {
    const editor = await makeUser("EDITOR");
    const tag = `t${randomUUID().slice(0, 8)}`;
    const made = new Map<string, string>();
    for (const c of CLAIMS) {
      const { claim } = await makeClaimWithText(editor, `${tag} ${c.text}`);
      if (c.claimant) await setClaimant(editor, { claimId: claim.id, expectedVersion: claim.version, claimant: c.claimant, claimantKind: "PERSON" });
      made.set(c.key, claim.id);
    }
    const keyOf = new Map([...made].map(([k, id]) => [id, k]));
    const search = async (q: string) => (await listClaims(editor, claimListFilterSchema.parse({ q: `${tag} ${q}` }))).map((r) => keyOf.get(r.id)).sort();
    const failures: string[] = [];
    for (const c of CLAIMS) {
      for (const q of c.find) {
        const got = await search(q);
        if (!got.includes(c.key)) failures.push(`${c.key}: ${JSON.stringify(q)} found ${JSON.stringify(got)}`);
      }
      for (const q of c.miss ?? []) {
        const got = await search(q);
        if (got.includes(c.key)) failures.push(`${c.key}: ${JSON.stringify(q)} should not find it`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("folds the claims stored before the fold once (their search words and the index), and not again", async () => {
    const editor = await makeUser("EDITOR");
    const tag = `t${randomUUID().slice(0, 8)}`;
    const db = await getDb();
    const { claim } = await makeClaimWithText(editor, `${tag} ΟΔΟΣ İSTANBUL Straße`);
    const found = async (q: string) => (await findClaimSearchMatches(db, editor, `${tag} ${q}`))?.ids ?? [];
    expect(await found("οδοσ istanbul strasse")).toEqual([claim.id]);
    // As an earlier fold stored it (lower-cased NFKC text): the index follows the stored words.
    await db.$executeRaw`UPDATE "Claim" SET "searchText" = ${`${tag} οδος i̇stanbul straße`} WHERE "id" = ${claim.id}`;
    await db.setting.deleteMany({ where: { key: "searchFold" } });
    expect(await found("istanbul")).toEqual([]);
    const before = await db.claim.findUniqueOrThrow({ where: { id: claim.id } });
    const first = await refoldClaimSearch(db);
    expect(first.skipped).toBe(false);
    expect(first.refolded).toBeGreaterThanOrEqual(1);
    expect(await found("οδοσ istanbul strasse")).toEqual([claim.id]);
    const after = await db.claim.findUniqueOrThrow({ where: { id: claim.id } });
    expect(after.searchText).toBe(`${tag} οδοσ istanbul strasse`);
    // Nothing else of the claim changes: no new version, no new updatedAt.
    expect([after.version, after.updatedAt.getTime(), after.text]).toEqual([before.version, before.updatedAt.getTime(), before.text]);
    expect((await db.setting.findUniqueOrThrow({ where: { key: "searchFold" } })).value).toBe(JSON.stringify(searchFoldKey()));
    // Once done, a start does nothing more.
    await db.$executeRaw`UPDATE "Claim" SET "searchText" = ${"stale"} WHERE "id" = ${claim.id}`;
    expect(await refoldClaimSearch(db)).toEqual({ skipped: true, refolded: 0 });
    expect((await db.claim.findUniqueOrThrow({ where: { id: claim.id } })).searchText).toBe("stale");
    expect((await refoldClaimSearch(db, { force: true, batch: 7 })).refolded).toBeGreaterThanOrEqual(1);
    expect(await found("istanbul")).toEqual([claim.id]);
  });

  it("refolds only words of an older fold: never back to an older ICU's over a newer one's", async () => {
    const editor = await makeUser("EDITOR");
    const db = await getDb();
    const { claim } = await makeClaimWithText(editor, `t${randomUUID().slice(0, 8)} Straße`);
    const record = (key: string) => db.setting.upsert({ where: { key: "searchFold" }, create: { key: "searchFold", value: JSON.stringify(key) }, update: { value: JSON.stringify(key) } });
    const [version] = searchFoldKey().split("/");
    await db.$executeRaw`UPDATE "Claim" SET "searchText" = ${"stale"} WHERE "id" = ${claim.id}`;
    // An instance on a newer ICU folded the claims: this one leaves its words and its key alone.
    await record(`${version}/icu-9999.0`);
    expect(await refoldClaimSearch(db)).toEqual({ skipped: true, refolded: 0 });
    expect((await db.claim.findUniqueOrThrow({ where: { id: claim.id } })).searchText).toBe("stale");
    // Forced by hand it folds the words, but still records no older key over the newer one.
    expect((await refoldClaimSearch(db, { force: true })).refolded).toBeGreaterThanOrEqual(1);
    expect((await db.setting.findUniqueOrThrow({ where: { key: "searchFold" } })).value).toBe(JSON.stringify(`${version}/icu-9999.0`));
    // An older ICU's words are folded again, and this fold's key recorded.
    await db.$executeRaw`UPDATE "Claim" SET "searchText" = ${"stale"} WHERE "id" = ${claim.id}`;
    await record(`${version}/icu-1.0`);
    expect((await refoldClaimSearch(db)).refolded).toBeGreaterThanOrEqual(1);
    expect((await db.claim.findUniqueOrThrow({ where: { id: claim.id } })).searchText).not.toBe("stale");
    expect((await db.setting.findUniqueOrThrow({ where: { key: "searchFold" } })).value).toBe(JSON.stringify(searchFoldKey()));
  });

  it.runIf(provider === "postgresql")("PostgreSQL: one instance refolds at a time, and a claim another transaction holds is left for later, not waited for", async () => {
    const editor = await makeUser("EDITOR");
    const db = await getDb();
    const { claim } = await makeClaimWithText(editor, `t${randomUUID().slice(0, 8)} Straße`);
    const driver = writeDriverOf(db);
    if (driver.provider !== "postgresql") throw new Error("PostgreSQL only");
    await db.setting.deleteMany({ where: { key: "searchFold" } });
    await db.$executeRaw`UPDATE "Claim" SET "searchText" = ${"stale"} WHERE "id" = ${claim.id}`;
    const other = await driver.pool.connect();
    try {
      // Another instance holds the refold's lock: this one does nothing.
      await other.query("SELECT pg_advisory_lock($1)", [REFOLD_LOCK_KEY]);
      expect(await refoldClaimSearch(db)).toEqual({ skipped: true, refolded: 0, busy: true });
      await other.query("SELECT pg_advisory_unlock($1)", [REFOLD_LOCK_KEY]);
      // A step holds the claim's row: the refold leaves it, and records no key.
      await other.query("BEGIN");
      await other.query(`SELECT 1 FROM "Claim" WHERE "id" = $1 FOR UPDATE`, [claim.id]);
      const result = await refoldClaimSearch(db);
      expect(result.left).toBe(1);
      expect(await db.setting.findUnique({ where: { key: "searchFold" } })).toBeNull();
      await other.query("ROLLBACK");
    } finally {
      other.release();
    }
    // The next run folds it.
    expect((await refoldClaimSearch(db)).refolded).toBeGreaterThanOrEqual(1);
    expect((await db.claim.findUniqueOrThrow({ where: { id: claim.id } })).searchText).not.toBe("stale");
  });

  it("at the server's start, tries again after a failure or an unfinished run, a bounded number of times", async () => {
    const db = await getDb();
    const outcomes: (RefoldResult | Error)[] = [new Error("busy database"), { skipped: true, refolded: 0, busy: true }, { skipped: false, refolded: 3, left: 1 }, { skipped: false, refolded: 1 }];
    let calls = 0;
    const refold = async () => {
      const outcome = outcomes[calls++]!;
      if (outcome instanceof Error) throw outcome;
      return outcome;
    };
    await refoldClaimSearchAtStart(db, { refold, firstDelayMs: 1 });
    expect(calls).toBe(4);
    // Always failing: it gives up after its attempts, and never throws.
    let failed = 0;
    await refoldClaimSearchAtStart(db, { attempts: 3, firstDelayMs: 1, refold: async () => { failed++; throw new Error("down"); } });
    expect(failed).toBe(3);
  });
});

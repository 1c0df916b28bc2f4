import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { searchFoldKey } from "@/lib/domain/search-fold";
import { claimListFilterSchema } from "@/lib/validation/claims";
import { setClaimant } from "./claimant";
import { findClaimSearchMatches } from "./claim-search";
import { listClaims } from "./claim/list-claims";
import { getDb } from "./db";
import { refoldClaimSearch } from "./search-refold";
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
});

import { extractReadableArticle } from "./lib/domain/html-article";
import fs from "node:fs";
for (const f of process.argv.slice(2)) {
  try { console.log(f, JSON.stringify(extractReadableArticle(fs.readFileSync(f, "utf8")), null, 1)); } catch (e) { console.log(f, "THROWS", e); }
}

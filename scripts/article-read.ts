/**
 * Prints what importing a page or text file would save, so any page can be checked from the command line:
 *
 *   npm run -s article:read -- FILE [--json]
 *
 * FILE is .html, .htm, .txt, .md or .markdown (at most 2 MB). The file goes through the import's own
 * code path (lib/server/import-sources.ts `readDocument`: WHATWG encoding sniffing, the readable-text
 * reader, metadata) and the import form's schema (lib/validation/articles.ts), with the line-ending
 * normalisation importArticle applies. Without --json: the metadata lines, a blank line, then the
 * snapshot text exactly as it would be stored. With --json: { title, outlet, authors, author,
 * publishedAt, url, text, missing } where `missing` lists fields the editor would still have to fill.
 * Errors (unreadable file, no readable text, bad encoding) go to stderr with exit code 1.
 */
import fs from "node:fs";
import path from "node:path";
import { AppError } from "../lib/domain/errors";
import { importArticleSchema } from "../lib/validation/articles";
import { MAX_FETCH_BYTES } from "../lib/server/fetch-url";
import { readDocument } from "../lib/server/import-sources";

const EXTENSIONS = new Set(["html", "htm", "txt", "md", "markdown"]);

function fail(message: string): never {
  console.error(`article:read: ${message}`);
  process.exit(1);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes("--json");
  const files = args.filter((a) => !a.startsWith("--"));
  if (files.length !== 1 || args.some((a) => a.startsWith("--") && a !== "--json")) fail("usage: npm run -s article:read -- FILE [--json]");
  const file = files[0]!;
  const extension = path.extname(file).slice(1).toLowerCase();
  if (!EXTENSIONS.has(extension)) fail("FILE must be .html, .htm, .txt, .md or .markdown.");
  let bytes: Buffer;
  try {
    if (fs.statSync(file).size > MAX_FETCH_BYTES) fail("The file is larger than 2 MB.");
    bytes = fs.readFileSync(file);
  } catch (error) {
    fail(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let preview;
  try {
    preview = await readDocument(new Uint8Array(bytes), { html: extension === "html" || extension === "htm" });
  } catch (error) {
    fail(error instanceof AppError ? error.message : String(error));
  }
  const parsed = importArticleSchema.safeParse({ ...preview, url: preview.url || undefined });
  const missing = parsed.success ? [] : [...new Set(parsed.error.issues.map((i) => String(i.path[0])))];
  const text = preview.text.replace(/\r\n?/g, "\n");
  const authors = preview.author ? preview.author.split(/,\s+/) : [];
  const publishedAt = parsed.success ? (parsed.data.publishedAt?.toISOString().slice(0, 10) ?? null) : preview.publishedAt || null;
  const saved = {
    title: parsed.success ? parsed.data.title : preview.title.trim(),
    outlet: parsed.success ? parsed.data.outlet : preview.outlet.trim(),
    authors,
    author: preview.author || null,
    publishedAt,
    url: preview.url || null,
    text,
    missing,
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(saved, null, 2)}\n`);
    return;
  }
  const show = (value: string | null) => (value ? value : "(none — to be filled in before importing)");
  process.stdout.write(
    [
      `Title: ${show(saved.title)}`,
      `Outlet: ${show(saved.outlet)}`,
      `Authors: ${authors.length > 0 ? authors.join("; ") : "(none)"}`,
      `Published: ${publishedAt ?? "(none)"}`,
      `Snapshot: ${Array.from(text).length} code points`,
      "",
      text,
      "",
    ].join("\n"),
  );
}

await main();

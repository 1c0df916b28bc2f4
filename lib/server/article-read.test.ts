import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeUser } from "./testing/factories";
import { previewUploadedFile } from "./import-sources";

const WWW = path.join(__dirname, "../../../shared/fixtures/real-world/www");
const TSX = path.join(process.cwd(), "node_modules/.bin/tsx");
const run = (...args: string[]) => execFileSync(TSX, ["--conditions=react-server", "scripts/article-read.ts", ...args], { encoding: "utf8", timeout: 60_000 });

describe("npm run article:read", () => {
  it("prints, as JSON, exactly what an upload of the same file previews (title, outlet, authors, date, snapshot)", async () => {
    const file = path.join(WWW, "br.html");
    const printed = JSON.parse(run(file, "--json")) as { title: string; outlet: string; text: string; authors: string[]; missing: string[] };
    const editor = await makeUser("EDITOR");
    const preview = await previewUploadedFile(editor, new File([new Uint8Array(fs.readFileSync(file))], "br.html"));
    expect(printed).toMatchObject({ title: preview.title, outlet: preview.outlet, text: preview.text, authors: [], missing: [] });
    expect(printed.text).toContain("night. The ministry");
  }, 90_000);

  it("prints metadata lines then the snapshot, decodes legacy encodings, and lists every meta author", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "article-read-"));
    const page = path.join(dir, "authors.htm");
    fs.writeFileSync(
      page,
      Buffer.from(
        `<html><head><meta charset="windows-1252"><title>Caf\xe9 rents</title><meta name="author" content="Jane Roe"><meta name="author" content="Ahmed Khan"><meta property="og:site_name" content="Test Daily"><meta property="article:published_time" content="2026-02-12T08:00:00Z"></head><body><article><p>The caf\xe9 association said rents rose by 40 percent last year, according to figures published by the ministry on Monday.</p></article></body></html>`,
        "latin1",
      ),
    );
    const out = run(page);
    expect(out.split("\n").slice(0, 4)).toEqual(["Title: Café rents", "Outlet: Test Daily", "Authors: Jane Roe; Ahmed Khan", "Published: 2026-02-12"]);
    expect(out).toContain("\n\nThe café association said rents rose by 40 percent");
    fs.rmSync(dir, { recursive: true });
  }, 90_000);

  it("refuses a file it cannot read with a message and exit code 1", () => {
    const result = spawnSync(TSX, ["--conditions=react-server", "scripts/article-read.ts", "missing-file.html"], { encoding: "utf8", timeout: 60_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/cannot read missing-file\.html/);
  }, 90_000);
});

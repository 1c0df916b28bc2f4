import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { env } from "../env";

/** sha-256 of bytes, lower-case hex (64 characters). */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** What the data folder holds: WARC archives of fetched sources, and files uploaded as evidence. */
export type StoredKind = "warc" | "file";

/** Where a stored file lives: <data dir>/<kind>/<first two hex digits>/<sha256>.<kind>. */
export function storePath(kind: StoredKind, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error("not a sha-256 hex digest");
  return path.resolve(env.CLAIMLEDGER_DATA_DIR, kind, sha256.slice(0, 2), `${sha256}.${kind}`);
}

/**
 * Stores bytes once under their SHA-256 in the data folder (CLAIMLEDGER_DATA_DIR, the same for SQLite
 * and PostgreSQL installs): written to a temporary name then renamed, so a reader never sees half a
 * file; bytes already stored are not written again. Returns the hex digest.
 */
export async function storeFile(kind: StoredKind, bytes: Uint8Array): Promise<string> {
  const sha256 = sha256Hex(bytes);
  const target = storePath(kind, sha256);
  const exists = await stat(target).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${randomUUID()}.tmp`;
    await writeFile(temp, bytes);
    await rename(temp, target);
  }
  return sha256;
}

/** The stored bytes of a digest; null when the file is missing. */
export async function readStoredFile(kind: StoredKind, sha256: string): Promise<Buffer | null> {
  try {
    return await readFile(storePath(kind, sha256));
  } catch {
    return null;
  }
}

/** A fresh temporary path in the data folder (same file system as the store, so rename is atomic). */
export async function tempStorePath(): Promise<string> {
  const dir = path.resolve(env.CLAIMLEDGER_DATA_DIR, "tmp");
  await mkdir(dir, { recursive: true });
  return path.join(dir, `${randomUUID()}.tmp`);
}

/**
 * Moves a fully written temporary file (tempStorePath) to its place in the store under `sha256`, the
 * digest of its bytes. When the same bytes are stored already the temporary file is removed instead
 * (stored once).
 */
export async function storeTempFile(kind: StoredKind, tempPath: string, sha256: string): Promise<void> {
  const target = storePath(kind, sha256);
  const exists = await stat(target).then(
    () => true,
    () => false,
  );
  if (exists) {
    await rm(tempPath, { force: true });
    return;
  }
  await mkdir(path.dirname(target), { recursive: true });
  await rename(tempPath, target);
}

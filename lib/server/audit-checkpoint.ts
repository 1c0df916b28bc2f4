import "server-only";
import { createReadStream, existsSync } from "node:fs";
import { appendFile, mkdir, open } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { defaultCheckpointFile, GENESIS_HASH, parseSignedCheckpoint, signCheckpoint, type SignedAuditCheckpoint } from "@/lib/domain/audit-chain";
import { getDb, type Db } from "./db";
import { env } from "./env";
import { logger } from "./logger";

/**
 * Signed checkpoints of the audit chain, kept outside the database: an append-only file of JSON lines
 * (count, last id, head hash, time, HMAC-SHA256 signature with AUDIT_KEY). Someone with write access to
 * the database can delete audit rows or empty the table, but cannot remove what this file recorded
 * nor forge a line for a shorter chain without the key, so `npm run audit:verify` sees the cut.
 */

/** AUDIT_KEY (at least 32 characters), or null when none is configured (events are then unkeyed). */
export function auditKey(): string | null {
  return env.AUDIT_KEY ?? null;
}

/**
 * The checkpoint file for a database: AUDIT_CHECKPOINT_FILE when set; else, for SQLite, beside the
 * database file (`<file>-audit-checkpoints.jsonl`); for PostgreSQL, `prisma/data/audit-checkpoints-
 * <host>-<port>-<database>.jsonl` relative to the working directory (the repo root).
 */
export function checkpointFilePath(databaseUrl: string = env.DATABASE_URL): string {
  return env.AUDIT_CHECKPOINT_FILE ?? defaultCheckpointFile(databaseUrl);
}

/** The last checkpoint this process wrote or read, per file (to count new events incrementally). */
const lastWritten = new Map<string, SignedAuditCheckpoint>();
/**
 * Per file: the write in flight, whether another step committed while it ran, and those steps' views of
 * the chain (the next round follows them from the last checkpoint without reading the chain).
 */
const inFlight = new Map<string, { running: Promise<void>; again: boolean; waiting: StepChainProgress[] }>();

async function readLastLine(file: string): Promise<string | null> {
  if (!existsSync(file)) return null;
  const handle = await open(file, "r");
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, 4096);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const lines = buffer.toString("utf8").split("\n").filter((l) => l.trim() !== "");
    return lines.at(-1) ?? null;
  } finally {
    await handle.close();
  }
}

/** A committed step's view of the chain: the head it read under the chain's lock, its own last event, how many it appended. */
export interface StepChainProgress {
  before: { id: number; hash: string };
  head: { id: number; hash: string };
  appended: number;
}

/**
 * The chain from `previous` through the steps' views that link to it, each starting at the head the
 * one before it left (steps hold the chain's lock, so each read its predecessor's head): the count and
 * head after the last of them. Views already covered by `previous` are skipped. Null when there is no
 * new view, or when one does not link (a step between them appended without a view): the chain must
 * be read then.
 */
export function followSteps(previous: { count: number; lastId: number; head: string }, steps: readonly StepChainProgress[]) {
  let link = { count: previous.count, lastId: previous.lastId, head: previous.head };
  let followed = false;
  for (const step of [...steps].sort((a, b) => a.before.id - b.before.id)) {
    if (step.head.id <= link.lastId) continue;
    if (step.before.id !== link.lastId || step.before.hash !== link.head) return null;
    link = { count: link.count + step.appended, lastId: step.head.id, head: step.head.hash };
    followed = true;
  }
  return followed ? link : null;
}

async function writeCheckpoint(db: Db, key: string, file: string, steps: readonly StepChainProgress[]): Promise<void> {
  let previous = lastWritten.get(file);
  if (!previous) {
    const line = await readLastLine(file);
    previous = (line && parseSignedCheckpoint(key, line)) || undefined;
  }
  // The steps read, under the chain's lock, the very head the last checkpoint signed (or the one the
  // step before them left), and appended their events after it: the new count and head are known
  // without reading the chain.
  const followed = previous ? followSteps(previous, steps) : null;
  if (followed) {
    await appendCheckpoint(key, file, followed);
    return;
  }
  const head = await db.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true, hash: true } });
  if (previous && head && previous.lastId === head.id && previous.head === head.hash) return;
  if (!head && previous?.count === 0) return;
  let count: number;
  const stillThere = previous && head && previous.lastId <= head.id && previous.count > 0
    ? await db.auditEvent.findFirst({ where: { id: previous.lastId, hash: previous.head }, select: { id: true } })
    : null;
  if (previous && head && stillThere) {
    count = previous.count + (await db.auditEvent.count({ where: { id: { gt: previous.lastId, lte: head.id } } }));
  } else {
    count = head ? await db.auditEvent.count({ where: { id: { lte: head.id } } }) : 0;
  }
  await appendCheckpoint(key, file, { count, lastId: head?.id ?? 0, head: head?.hash ?? GENESIS_HASH });
}

async function appendCheckpoint(key: string, file: string, link: { count: number; lastId: number; head: string }): Promise<void> {
  const checkpoint = signCheckpoint(key, { ...link, at: new Date().toISOString() });
  await mkdir(path.dirname(file), { recursive: true });
  await appendFile(file, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
  lastWritten.set(file, checkpoint);
}

/**
 * Appends a signed checkpoint of the chain's current head to the checkpoint file, after a business
 * step committed (lib/server/transaction.ts). Outside any transaction; concurrent calls in one process
 * coalesce into one more write. With the steps' `progress` (inTransaction passes it) linking, one after
 * the other, to the last checkpoint's head, no statement is sent. Never throws: a failure is logged (the step itself has committed), and
 * the next step's checkpoint covers it. Does nothing without AUDIT_KEY.
 */
export async function recordAuditCheckpoint(options: { db?: Db; file?: string; progress?: StepChainProgress } = {}): Promise<void> {
  const key = auditKey();
  if (!key) return;
  const file = options.file ?? checkpointFilePath();
  const current = inFlight.get(file);
  if (current) {
    current.again = true;
    if (options.progress) current.waiting.push(options.progress);
    return current.running;
  }
  const entry = { running: Promise.resolve(), again: false, waiting: options.progress ? [options.progress] : [] };
  entry.running = (async () => {
    const db = options.db ?? (await getDb());
    // A round covers the steps that committed before it began; one that committed meanwhile asks for
    // another round, which follows their views of the chain (it reads the chain only if they do not link).
    do {
      entry.again = false;
      const steps = entry.waiting;
      entry.waiting = [];
      try {
        await writeCheckpoint(db, key, file, steps);
      } catch (error) {
        logger.error({ event: "audit_checkpoint_failed", err: error }, "could not write the audit checkpoint");
        return;
      }
    } while (entry.again);
  })().finally(() => inFlight.delete(file));
  inFlight.set(file, entry);
  return entry.running;
}

export interface CheckpointScan {
  /** The signed checkpoint with the highest count, or null when the file has none. */
  newest: SignedAuditCheckpoint | null;
  /** Lines that are not checkpoints signed with the key (1-based line numbers, at most 10). */
  badLines: number[];
  lines: number;
}

/** Reads a checkpoint file line by line (constant memory) and keeps the newest validly signed one. */
export async function scanCheckpoints(key: string, file: string = checkpointFilePath()): Promise<CheckpointScan | null> {
  if (!existsSync(file)) return null;
  const scan: CheckpointScan = { newest: null, badLines: [], lines: 0 };
  const lines = createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity });
  for await (const line of lines) {
    scan.lines++;
    if (line.trim() === "") continue;
    const checkpoint = parseSignedCheckpoint(key, line);
    if (!checkpoint) {
      if (scan.badLines.length < 10) scan.badLines.push(scan.lines);
      continue;
    }
    if (!scan.newest || checkpoint.count > scan.newest.count) scan.newest = checkpoint;
  }
  return scan;
}

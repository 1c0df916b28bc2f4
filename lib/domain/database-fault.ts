/**
 * Tells database faults a user can do nothing about but wait (or free disk space) from other errors,
 * by the codes the drivers and Prisma put on them:
 * - "STORAGE_FULL": SQLite SQLITE_FULL (primary result code 13, https://www.sqlite.org/rescode.html),
 *   PostgreSQL SQLSTATE 53100 disk_full, the OS's ENOSPC.
 * - "UNAVAILABLE": SQLite BUSY (5), LOCKED (6), NOMEM (7), IOERR (10), CORRUPT (11), CANTOPEN (14),
 *   PROTOCOL (15), NOTADB (26) — the classes after which SQLite may roll a transaction back by itself;
 *   PostgreSQL SQLSTATE class 08 (connection exception), 57P01–57P03 (admin shutdown, crash shutdown,
 *   cannot connect now), 53300 too_many_connections; Prisma's P1001 (cannot reach), P1002, P1008
 *   (timeout), P1017 (server closed the connection), P2024 (pool timeout), P2037 (too many
 *   connections) and the driver-adapter kinds behind them; Node's socket errors (ECONNREFUSED…);
 *   and Prisma's "Unable to start a transaction in the given time".
 * Anything else is null (a bug, or a refusal with its own AppError). Plain TypeScript: it only reads
 * fields of the error object and its `cause`/`meta` chain (at most 4 levels deep).
 */
export type DatabaseFault = "STORAGE_FULL" | "UNAVAILABLE";

const SQLITE_FULL = 13;
const SQLITE_UNAVAILABLE_PRIMARY = new Set([5, 6, 7, 10, 11, 14, 15, 26]);
const SQLITE_UNAVAILABLE_NAMES = /^SQLITE_(?:BUSY|LOCKED|NOMEM|IOERR|CORRUPT|CANTOPEN|PROTOCOL|NOTADB)(?:_[A-Z_]+)?$/;
const PRISMA_UNAVAILABLE = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2037"]);
const ADAPTER_UNAVAILABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const SOCKET_ERRORS = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "ENOTFOUND"]);
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /Can't reach database server/i,
  /Unable to start a transaction in the given time/i,
  // pg-pool, when no client frees up within connectionTimeoutMillis (lib/server/db.ts).
  /timeout exceeded when trying to connect/i,
  /terminating connection due to administrator command/i,
  /the database system is (?:shutting down|starting up|in recovery mode)/i,
  /Client has encountered a connection error/i,
];
const FULL_MESSAGES = [/database or disk is full/i, /No space left on device/i];

function faultOfCode(code: unknown): DatabaseFault | null {
  if (typeof code === "number") return null;
  if (typeof code !== "string") return null;
  if (code === "SQLITE_FULL" || code === "53100" || code === "ENOSPC") return "STORAGE_FULL";
  if (SQLITE_UNAVAILABLE_NAMES.test(code) || PRISMA_UNAVAILABLE.has(code) || SOCKET_ERRORS.has(code)) return "UNAVAILABLE";
  if (/^08[0-9A-Z]{3}$/.test(code) || code === "57P01" || code === "57P02" || code === "57P03" || code === "53300") return "UNAVAILABLE";
  return null;
}

function faultOfSqliteExtendedCode(extended: unknown): DatabaseFault | null {
  if (typeof extended !== "number" && typeof extended !== "bigint") return null;
  const primary = Number(extended) & 0xff;
  if (primary === SQLITE_FULL) return "STORAGE_FULL";
  return SQLITE_UNAVAILABLE_PRIMARY.has(primary) ? "UNAVAILABLE" : null;
}

/** The fault behind `error`, or null when it is not a database fault. */
export function classifyDatabaseFault(error: unknown): DatabaseFault | null {
  const seen = new Set<unknown>();
  let unavailable = false;
  const visit = (value: unknown, depth: number): boolean => {
    if (value === null || typeof value !== "object" || seen.has(value) || depth > 4) return false;
    seen.add(value);
    const record = value as Record<string, unknown>;
    const faults = [faultOfCode(record.code), faultOfCode(record.originalCode), faultOfCode(record.errno), faultOfSqliteExtendedCode(record.extendedCode)];
    if (record.kind === "sqlite") faults.push(faultOfSqliteExtendedCode(record.extendedCode));
    if (typeof record.kind === "string" && ADAPTER_UNAVAILABLE_KINDS.has(record.kind)) faults.push("UNAVAILABLE");
    const message = typeof record.message === "string" ? record.message : "";
    if (FULL_MESSAGES.some((re) => re.test(message))) faults.push("STORAGE_FULL");
    if (UNAVAILABLE_MESSAGES.some((re) => re.test(message))) faults.push("UNAVAILABLE");
    if (faults.includes("STORAGE_FULL")) return true;
    if (faults.includes("UNAVAILABLE")) unavailable = true;
    return [record.cause, record.meta, record.driverAdapterError].some((child) => visit(child, depth + 1));
  };
  if (visit(error, 0)) return "STORAGE_FULL";
  return unavailable ? "UNAVAILABLE" : null;
}

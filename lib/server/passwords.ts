import "server-only";
import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";
import { AppError } from "@/lib/domain/errors";

// argon2id (the library's default algorithm) with OWASP's recommended memory/time cost
// (OWASP Password Storage Cheat Sheet: m=19 MiB, t=2, p=1).
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * The form a password is hashed and checked in: Unicode NFC (NIST SP 800-63B §5.1.1.2, OWASP ASVS
 * 5.0 V6.2.x), so "é" typed as one code point or as e + U+0301 is the same password.
 */
export function normalizePassword(password: string): string {
  return password.normalize("NFC");
}

/** argon2id hash (PHC string) of the NFC form of `password`. */
export function hashPassword(password: string): Promise<string> {
  return hash(normalizePassword(password), OPTIONS);
}

/**
 * True when `password` (NFC-normalised) matches `passwordHash`. A hash made before normalisation was
 * introduced from a decomposed password is still accepted by also trying the text as typed.
 */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    const normalized = normalizePassword(password);
    if (await verify(passwordHash, normalized)) return true;
    return normalized !== password && (await verify(passwordHash, password));
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spend the same time on an unknown email as on a wrong password. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword("not-a-real-password-for-timing-only");
  await verifyPassword(await dummyHash, password);
}

// ---------------------------------------------------------------------------------------------
// The password policy, the one check every place that sets a password calls.

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;
/** Letters a password must have besides the person's name and email parts (digits and symbols not counted). */
const PERSONAL_REST_MIN_LENGTH = 4;

let commonPasswords: Set<string> | undefined;
/**
 * The ~49,000 most common passwords of public breach corpora, as shipped offline by
 * @zxcvbn-ts/language-common (its `passwords-common` dictionary, lower-case).
 */
function commonPasswordSet(): Set<string> {
  commonPasswords ??= new Set(dictionary["passwords-common"]);
  return commonPasswords;
}

/**
 * Why `password` may not be used, or null when it may. Rules (NIST SP 800-63B §5.1.1.2): 12 to 200
 * characters counted in code points after NFC; not on the common/breached list, also once trailing
 * digits and symbols are removed ("password2026!") or when it repeats one listed word; not one
 * character repeated; not mostly the account's email name or the person's name (fewer than 4 letters
 * besides them). `context` gives
 * the account's email and name when known.
 */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): string | null {
  const normalized = normalizePassword(password);
  const length = [...normalized].length;
  if (length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (length > PASSWORD_MAX_LENGTH) return "Password is too long.";
  const lower = normalized.toLowerCase();
  const common = commonPasswordSet();
  const stem = lower.replace(/[\d\W_]+$/u, "");
  const repeatedWord = /^(.+?)\1+$/u.exec(lower)?.[1];
  if (common.has(lower) || (stem.length >= 4 && common.has(stem)) || (repeatedWord && repeatedWord.length >= 3 && common.has(repeatedWord))) {
    return "This password is on a list of common or breached passwords. Choose another.";
  }
  if (new Set(lower).size <= 2) return "This password repeats too few characters. Choose another.";
  // Mostly the person's own name or email: what is left without them is too short to guess slowly.
  const local = context.email?.split("@")[0]?.toLowerCase() ?? "";
  const parts = [local, ...(context.name ?? "").toLowerCase().split(/\s+/u)].filter((part) => part.length >= 3);
  const rest = parts.reduce((text, part) => text.split(part).join(""), lower).replace(/[\d\W_]+/gu, "");
  if (parts.some((part) => lower.includes(part)) && [...rest].length < PERSONAL_REST_MIN_LENGTH) {
    return "The password is mostly your name or email. Choose another.";
  }
  return null;
}

/**
 * The password policy, for every place that sets a password (user:create, an admin creating a user,
 * a user changing their password). Throws AppError VALIDATION with the reason on `field`.
 */
export function assertPasswordPolicy(password: string, context: { email?: string; name?: string } = {}, field = "password"): void {
  const problem = passwordProblem(password, context);
  if (problem) throw new AppError("VALIDATION", problem, { fields: { [field]: [problem] } });
}

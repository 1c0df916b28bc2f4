import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/domain/errors";
import { authenticate, INVALID_CREDENTIALS } from "./auth";
import { TEST_PASSWORD, makeUser, userState } from "./testing/factories";
import { getDb } from "./db";
import { deactivateUser } from "./users";
import { accountDelayMs, assertLoginAllowed, LOGIN_DELAY_MAX_MS, LOGIN_LIMITS } from "./login-rate-limit";

// Users here get production-cost hashes (the integration setup makes them cheap elsewhere): the
// unknown-email timing test compares a wrong password against the dummy check at the real cost.
vi.unmock("./passwords");

/** Each test signs in from its own address so the per-IP limit of one test never touches another. */
function freshIp(): string {
  const n = Number.parseInt(randomUUID().slice(0, 6), 16);
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => {
      throw new Error("expected the sign-in to be refused");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("authenticate", () => {
  it("accepts the right password, whatever the case and spacing of the email", async () => {
    const user = await makeUser("REVIEWER");
    const ip = freshIp();
    const signedIn = await authenticate(user.email, TEST_PASSWORD, ip);
    expect(signedIn.id).toBe(user.id);
    const again = await authenticate(`  ${user.email.toUpperCase()} `, TEST_PASSWORD, ip);
    expect(again.id).toBe(user.id);
  });

  it("gives the same answer for a wrong password and an unknown email", async () => {
    const user = await makeUser("EDITOR");
    const ip = freshIp();
    const wrong = await failure(authenticate(user.email, `${TEST_PASSWORD}x`, ip));
    const unknown = await failure(authenticate(`nobody-${randomUUID()}@test.claimledger.test`, TEST_PASSWORD, ip));
    const malformed = await failure(authenticate("not an email", TEST_PASSWORD, ip));
    expect(wrong.message).toBe(INVALID_CREDENTIALS);
    for (const e of [wrong, unknown, malformed]) {
      expect(e.code).toBe("UNAUTHENTICATED");
      expect(e.message).toBe(wrong.message);
      expect(e.fields).toBeUndefined();
    }
  });

  it("spends about as long on an unknown email as on a wrong password", async () => {
    const user = await makeUser("REVIEWER");
    // The comparison is only fair when the known user's hash has the production cost (vi.unmock above).
    const stored = await (await getDb()).user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const time = async (email: string) => {
      const t0 = performance.now();
      await failure(authenticate(email, "not-the-password", freshIp()));
      return performance.now() - t0;
    };
    await time(user.email); // warm up the password hasher
    await time(`warm-${randomUUID()}@test.claimledger.test`);
    const wrong: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      wrong.push(await time(user.email));
      unknown.push(await time(`nobody-${randomUUID()}@test.claimledger.test`));
    }
    // Without a dummy hash check an unknown email answers many times faster.
    expect(median(unknown)).toBeGreaterThan(median(wrong) * 0.4);
  });

  it("refuses a deactivated account even with the right password, with the same answer", async () => {
    const user = await makeUser("REVIEWER");
    await deactivateUser("cli", user.id);
    expect((await userState(user.id)).active).toBe(false);
    const error = await failure(authenticate(user.email, TEST_PASSWORD, freshIp()));
    expect(error.code).toBe("UNAUTHENTICATED");
    expect(error.message).toBe(INVALID_CREDENTIALS);
  });

  it("blocks the guessing address for an account, but not the account's owner signing in from elsewhere", async () => {
    const victim = await makeUser("REVIEWER");
    const bystander = await makeUser("REVIEWER");
    const attacker = freshIp();
    const attempts: AppError[] = [];
    for (let i = 0; i < 10; i++) attempts.push(await failure(authenticate(victim.email, `guess-${i}`, attacker)));
    for (const e of attempts) expect(e.code).toBe("UNAUTHENTICATED");

    const blocked = await failure(authenticate(victim.email, `guess-again`, attacker));
    expect(blocked.code).toBe("RATE_LIMITED");
    expect(blocked.message).toMatch(/try again in \d+ minutes?/i);
    expect(blocked.retryAfterSeconds).toBeGreaterThan(0);
    // The block holds for the attacker's address even with the right password, whatever the email's case.
    expect((await failure(authenticate(victim.email, TEST_PASSWORD, attacker))).code).toBe("RATE_LIMITED");
    expect((await failure(authenticate(victim.email.toUpperCase(), TEST_PASSWORD, attacker))).code).toBe("RATE_LIMITED");

    // The owner, from their own address, is not locked out (no targeted lockout).
    expect((await authenticate(victim.email, TEST_PASSWORD, freshIp())).id).toBe(victim.id);
    // Another account signs in, even from the attacker's address.
    expect((await authenticate(bystander.email, TEST_PASSWORD, attacker)).id).toBe(bystander.id);
  });

  it("slows, but never blocks, an account guessed at from many addresses", async () => {
    const victim = await makeUser("EDITOR");
    // 24 addresses, one wrong guess each: no pair or address limit is reached.
    for (let i = 0; i < LOGIN_LIMITS.accountFreeFailures + 4; i++) {
      expect((await failure(authenticate(victim.email, `spray-${i}`, freshIp()))).code).toBe("UNAUTHENTICATED");
    }
    const { delayMs } = await assertLoginAllowed(victim.email, freshIp());
    expect(delayMs).toBe(accountDelayMs(LOGIN_LIMITS.accountFreeFailures + 4));
    expect(delayMs).toBeGreaterThan(0);
    expect(accountDelayMs(10_000)).toBe(LOGIN_DELAY_MAX_MS);
    // The owner still gets in (after the delay), from any address.
    expect((await authenticate(victim.email, TEST_PASSWORD, freshIp())).id).toBe(victim.id);
  });

  it("forgets an account's failures after a successful sign-in", async () => {
    const user = await makeUser("REVIEWER");
    const ip = freshIp();
    for (let i = 0; i < 9; i++) await failure(authenticate(user.email, `guess-${i}`, ip));
    expect((await authenticate(user.email, TEST_PASSWORD, ip)).id).toBe(user.id);
    for (let i = 0; i < 9; i++) {
      expect((await failure(authenticate(user.email, `guess-${i}`, ip))).code).toBe("UNAUTHENTICATED");
    }
    expect((await authenticate(user.email, TEST_PASSWORD, ip)).id).toBe(user.id);
  });

  it("limits attempts per address across many accounts", async () => {
    const ip = freshIp();
    const user = await makeUser("REVIEWER");
    for (let i = 0; i < 50; i++) {
      const e = await failure(authenticate(`spray-${i}-${randomUUID()}@test.claimledger.test`, "Password1234", ip));
      expect(e.code).toBe("UNAUTHENTICATED");
    }
    const blocked = await failure(authenticate(user.email, TEST_PASSWORD, ip));
    expect(blocked.code).toBe("RATE_LIMITED");
    // The same account from another address is fine.
    expect((await authenticate(user.email, TEST_PASSWORD, freshIp())).id).toBe(user.id);
  });
});

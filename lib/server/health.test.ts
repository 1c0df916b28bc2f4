/**
 * The health check (app/api/health): liveness answers without touching anything, readiness pings the
 * database and says "unavailable" with 503 and Retry-After when the database does not answer, without
 * leaking the error.
 */
import { afterEach, describe, expect, it, vi } from "vitest";

const failing = vi.hoisted(() => ({ on: false, hang: false, calls: 0 }));
vi.mock("./db", async (importOriginal) => {
  const real = await importOriginal<typeof import("./db")>();
  return {
    ...real,
    getDb: async () => {
      failing.calls += 1;
      if (failing.hang) return new Promise(() => {});
      if (failing.on) throw new Error("connect ECONNREFUSED 127.0.0.1:5432 (secret detail)");
      return real.getDb();
    },
  };
});

const { GET } = await import("@/app/api/health/route");

describe("GET /api/health", () => {
  afterEach(() => {
    failing.on = false;
    failing.hang = false;
    failing.calls = 0;
  });

  it("liveness answers ok, never cached, with a CSP that allows nothing", async () => {
    failing.on = true; // liveness must not touch the database
    const response = await GET(new Request("http://127.0.0.1/api/health"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
  });

  it("readiness pings the database", async () => {
    const response = await GET(new Request("http://127.0.0.1/api/health?ready=1"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "ok" });
  });

  it("readiness says unavailable with 503 and Retry-After when the database fails, and leaks no detail", async () => {
    failing.on = true;
    const response = await GET(new Request("http://127.0.0.1/api/health?ready=1"));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ status: "unavailable", database: "unavailable" });
    expect(text).not.toContain("secret detail");
  });

  it("readiness says unavailable within a few seconds when the database never answers, one ping for concurrent checks", async () => {
    failing.hang = true;
    const started = Date.now();
    const answers = await Promise.all([1, 2, 3].map(() => GET(new Request("http://127.0.0.1/api/health?ready=1"))));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(answers.map((a) => a.status)).toEqual([503, 503, 503]);
    expect(failing.calls).toBe(1);
  }, 20_000);

  it("sets HSTS over HTTPS like every API answer", async () => {
    const response = await GET(new Request("http://127.0.0.1/api/health", { headers: { "x-forwarded-proto": "https" } }));
    expect(response.headers.get("strict-transport-security")).toMatch(/^max-age=\d+/);
  });
});

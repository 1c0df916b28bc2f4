import { describe, expect, it } from "vitest";
import { apiSecurityHeaders, contentSecurityPolicy, hstsMaxAgeSeconds, newCspNonce, parseHstsMode, servedOverHttps, strictTransportSecurity } from "./security-headers";

describe("content security policy", () => {
  it("lets scripts run only with the response's nonce, never inline without it", () => {
    const nonce = newCspNonce();
    const csp = contentSecurityPolicy(nonce);
    const scriptSrc = csp.split("; ").find((d) => d.startsWith("script-src"))!;
    expect(scriptSrc).toContain(`'nonce-${nonce}'`);
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(contentSecurityPolicy(nonce, { development: true })).toContain("'unsafe-eval'");
  });

  it("makes a new 128-bit nonce every time", () => {
    const nonces = new Set(Array.from({ length: 50 }, () => newCspNonce()));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(atob(nonce)).toHaveLength(16);
  });
});

describe("strict transport security", () => {
  it("is sent over HTTPS in auto mode, always when on, never when off", () => {
    expect(strictTransportSecurity("auto", true, 31_536_000)).toBe("max-age=31536000; includeSubDomains");
    expect(strictTransportSecurity("auto", false, 31_536_000)).toBeNull();
    expect(strictTransportSecurity("on", false, 600)).toBe("max-age=600; includeSubDomains");
    expect(strictTransportSecurity("off", true, 600)).toBeNull();
  });
});

describe("API security headers", () => {
  it("send the API's own policy, and HSTS by the pages' rule", () => {
    expect(apiSecurityHeaders(false, {})).toEqual([["Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"]]);
    expect(apiSecurityHeaders(true, {})).toContainEqual(["Strict-Transport-Security", "max-age=31536000; includeSubDomains"]);
    expect(apiSecurityHeaders(false, { hsts: "on", maxAge: "600" })).toContainEqual(["Strict-Transport-Security", "max-age=600; includeSubDomains"]);
    expect(apiSecurityHeaders(true, { hsts: "off" })).toHaveLength(1);
    expect(parseHstsMode("sometimes")).toBe("auto");
    expect(hstsMaxAgeSeconds("x")).toBe(31_536_000);
  });

  it("count a request as HTTPS from a trusted proxy's X-Forwarded-Proto or an https: URL", () => {
    expect(servedOverHttps(new Headers({ "x-forwarded-proto": "https" }), "http://127.0.0.1/api/v1/claims")).toBe(true);
    expect(servedOverHttps(new Headers(), "https://desk.example/api/v1/claims")).toBe(true);
    expect(servedOverHttps(new Headers({ "x-forwarded-proto": "http" }), "http://127.0.0.1/api/v1/claims")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { reportQuerySchema, reportScopeSchema, searchParamsToObject } from "./reports";
import { deskSettingsSchema } from "./settings";

const parse = (query: string) => reportQuerySchema.safeParse(searchParamsToObject(new URLSearchParams(query)));

describe("reportQuerySchema", () => {
  it("accepts every format with the claim list's filters, a date range and includeWip", () => {
    for (const format of ["csv", "json", "ndjson", "claimreview", "pdf"]) {
      const r = parse(`format=${format}&articleId=abc123&status=APPROVED&assigneeId=none&from=2026-01-01&to=2026-01-31&includeWip=1`);
      expect(r.success).toBe(true);
      expect(r.data).toEqual({ format, articleId: "abc123", status: "APPROVED", assigneeId: "none", from: "2026-01-01", to: "2026-01-31", includeWip: true });
    }
    expect(parse("format=csv").data).toEqual({ format: "csv", includeWip: false });
  });

  it("refuses an unknown or missing format with a message naming the formats", () => {
    for (const query of ["format=xlsx", "format=CSV", ""]) {
      const r = parse(query);
      expect(r.success).toBe(false);
      expect(r.error!.issues[0]!.message).toBe("Unknown format: choose one of csv, json, ndjson, claimreview, pdf.");
    }
  });

  it("refuses unknown keys, repeated keys, bad dates, reversed ranges and odd flags", () => {
    expect(parse("format=csv&role=ADMIN").success).toBe(false);
    expect(parse("format=csv&format=json").success).toBe(false);
    expect(parse("format=csv&from=2026-02-30").error!.issues[0]!.message).toBe("From: not a valid date.");
    expect(parse("format=csv&from=31/01/2026").error!.issues[0]!.message).toBe("From: use a date like 2026-03-31.");
    expect(parse("format=csv&from=2026-02-01&to=2026-01-01").error!.issues[0]!.message).toBe("To: the end date is before the start date.");
    expect(parse("format=csv&includeWip=yes").success).toBe(false);
    expect(parse("format=csv&articleId=' OR 1=1 --").success).toBe(false);
  });

  it("treats empty values as absent (an empty select means any)", () => {
    expect(parse("format=json&articleId=&status=&from=").data).toEqual({ format: "json", includeWip: false });
  });

  it("describes the same scope without a format for the printable page", () => {
    expect(reportScopeSchema.safeParse({ articleId: "a1", includeWip: "1" }).data).toEqual({ articleId: "a1", includeWip: true });
    expect(reportScopeSchema.safeParse({ format: "csv" }).success).toBe(false);
  });
});

describe("deskSettingsSchema", () => {
  it("takes a name, an optional http(s) address and the version seen", () => {
    expect(deskSettingsSchema.parse({ name: " Desk ", url: "", expectedVersion: "0" })).toEqual({ name: "Desk", url: undefined, expectedVersion: 0 });
    expect(deskSettingsSchema.parse({ name: "Desk", url: "https://d.example/", expectedVersion: "3" }).url).toBe("https://d.example/");
    expect(deskSettingsSchema.safeParse({ name: "Desk", url: "javascript:alert(1)", expectedVersion: "0" }).success).toBe(false);
    expect(deskSettingsSchema.safeParse({ name: "", expectedVersion: "0" }).success).toBe(false);
    expect(deskSettingsSchema.safeParse({ name: "Desk", expectedVersion: "0", version: "9" }).success).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { importArticleSchema } from "./articles";
import { signInSchema } from "./auth";
import { assignClaimSchema, claimVersionSchema, proposeVerdictSchema, returnVerdictSchema } from "./claims";
import { httpUrlSchema, idSchema, versionSchema } from "./common";
import { addCommentSchema } from "./comments";
import { addEvidenceSchema, removeEvidenceSchema } from "./evidence";
import { changePasswordSchema, createUserSchema } from "./users";

/** The messages a refused parse gives for one field (or for unknown keys, path []). */
function errorsAt(schema: z.ZodType, input: unknown, field?: string): string[] {
  const result = schema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.filter((i) => (field === undefined ? true : i.path[0] === field)).map((i) => i.message);
}

function unknownKeys(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.flatMap((i) => (i.code === "unrecognized_keys" ? i.keys : []));
}

const evidence = {
  claimId: "clm_123",
  url: "https://example.org/report?id=1",
  title: "Official report",
  publisher: "Ministry",
  quote: "The passage.",
  stance: "REFUTES",
};

describe("httpUrlSchema", () => {
  it.each(["http://example.org", "https://example.org/a?b=c#d", "  https://example.org/trimmed  ", "HTTPS://EXAMPLE.ORG/"])(
    "accepts %j",
    (url) => {
      expect(httpUrlSchema.safeParse(url).success).toBe(true);
    },
  );

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:image/png;base64,AAAA",
    "file:///etc/passwd",
    "ftp://example.org/file",
    "vbscript:msgbox(1)",
    "mailto:a@example.org",
    "//example.org/no-scheme",
    "/relative/path",
    "example.org",
    "http://",
    "",
    "   ",
  ])("refuses %j with a message", (url) => {
    const result = httpUrlSchema.safeParse(url);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues[0]!.message).toMatch(/URL is required|http:\/\/ or https:\/\//);
  });

  it("refuses a URL over 2,048 characters", () => {
    const url = `https://example.org/${"a".repeat(2048)}`;
    expect(errorsAt(httpUrlSchema, url)).toContain("URL must be at most 2,048 characters.");
    expect(httpUrlSchema.safeParse(`https://example.org/${"a".repeat(2000)}`).success).toBe(true);
  });

  it("refuses non-strings", () => {
    expect(httpUrlSchema.safeParse(42).success).toBe(false);
    expect(httpUrlSchema.safeParse(undefined).success).toBe(false);
  });
});

describe("addEvidenceSchema", () => {
  it("accepts a complete entry and trims the text fields", () => {
    const result = addEvidenceSchema.safeParse({ ...evidence, title: "  Official report  " });
    expect(result.success).toBe(true);
    if (result.success) expect(result.data.title).toBe("Official report");
  });

  it.each(["javascript:alert(1)", "data:text/html,hi", "file:///etc/passwd"])("refuses the evidence URL %j on the url field", (url) => {
    expect(errorsAt(addEvidenceSchema, { ...evidence, url }, "url")).toEqual(["Enter a full http:// or https:// address."]);
  });

  it.each([
    ["title", "", "Title is required."],
    ["title", "   ", "Title is required."],
    ["title", "t".repeat(301), "Title must be at most 300 characters."],
    ["publisher", "", "Publisher is required."],
    ["publisher", "p".repeat(201), "Publisher must be at most 200 characters."],
    ["quote", "\n\t ", "Quoted passage is required."],
    ["quote", "q".repeat(5001), "Quoted passage must be at most 5,000 characters."],
  ])("refuses %s = %j", (field, value, message) => {
    expect(errorsAt(addEvidenceSchema, { ...evidence, [field]: value }, field)).toEqual([message]);
  });

  it("accepts fields at exactly their maximum length", () => {
    const result = addEvidenceSchema.safeParse({ ...evidence, title: "t".repeat(300), publisher: "p".repeat(200), quote: "q".repeat(5000) });
    expect(result.success).toBe(true);
  });

  it("refuses a missing field and an unknown stance", () => {
    const { quote: _quote, ...withoutQuote } = evidence;
    expect(errorsAt(addEvidenceSchema, withoutQuote, "quote")).toEqual(["Quoted passage is required."]);
    expect(errorsAt(addEvidenceSchema, { ...evidence, stance: "NEUTRAL" }, "stance")).toHaveLength(1);
    expect(errorsAt(addEvidenceSchema, { ...evidence, stance: "supports" }, "stance")).toHaveLength(1);
  });

  it.each([
    ["addedById", "usr_attacker"],
    ["version", 7],
    ["status", "APPROVED"],
    ["deletedAt", null],
    ["role", "ADMIN"],
  ])("refuses the extra key %s (mass assignment)", (key, value) => {
    expect(unknownKeys(addEvidenceSchema, { ...evidence, [key]: value })).toEqual([key]);
  });

  it.each(["", "../etc", "a b", "x".repeat(65), "id;DROP TABLE"])("refuses the claim id %j", (claimId) => {
    expect(errorsAt(addEvidenceSchema, { ...evidence, claimId }, "claimId").length).toBeGreaterThan(0);
  });
});

describe("versions", () => {
  it.each([
    [1, 1],
    ["3", 3],
    [" 12 ", 12],
    [2_147_483_647, 2_147_483_647],
  ])("accepts %j as %d", (input, expected) => {
    expect(versionSchema.parse(input)).toBe(expected);
  });

  it.each([0, -1, 1.5, "1.5", "abc", "", "1e10", 2_147_483_648, Number.NaN, null, "0x10z"])("refuses %j", (input) => {
    expect(versionSchema.safeParse(input).success).toBe(false);
  });

  it("is required where a step depends on what the user saw", () => {
    expect(errorsAt(claimVersionSchema, { claimId: "c1" }, "expectedVersion").length).toBeGreaterThan(0);
    expect(errorsAt(removeEvidenceSchema, { evidenceId: "e1", expectedVersion: "0" }, "expectedVersion")).toEqual(["Invalid version."]);
    expect(errorsAt(removeEvidenceSchema, { evidenceId: "e1", expectedVersion: "stale?" }, "expectedVersion")).toHaveLength(1);
  });
});

describe("claim schemas", () => {
  const assign = { claimId: "c1", assigneeId: "u1", priority: "HIGH", dueAt: "2026-03-01", expectedVersion: "2" };

  it("parses an assignment with priority and end-of-day due date", () => {
    expect(assignClaimSchema.parse(assign)).toEqual({
      claimId: "c1",
      assigneeId: "u1",
      priority: "HIGH",
      dueAt: new Date("2026-03-01T23:59:59Z"),
      expectedVersion: 2,
    });
  });

  it("reads an empty assignee as unassign and defaults the priority", () => {
    const parsed = assignClaimSchema.parse({ claimId: "c1", assigneeId: "", expectedVersion: 1 });
    expect(parsed.assigneeId).toBeNull();
    expect(parsed.priority).toBe("NORMAL");
    expect(parsed.dueAt).toBeUndefined();
  });

  it.each(["2026-02-30x", "tomorrow", "03/01/2026", "2026-13-45"])("refuses the due date %j", (dueAt) => {
    expect(errorsAt(assignClaimSchema, { ...assign, dueAt }, "dueAt")).toEqual(["Enter a valid date."]);
  });

  it("refuses an unknown priority", () => {
    expect(errorsAt(assignClaimSchema, { ...assign, priority: "CRITICAL" }, "priority")).toEqual(["Choose a priority."]);
  });

  it.each([
    [assignClaimSchema, assign, "status", "PUBLISHED"],
    [assignClaimSchema, assign, "version", 1],
    [assignClaimSchema, assign, "role", "ADMIN"],
    [claimVersionSchema, { claimId: "c1", expectedVersion: 1 }, "status", "APPROVED"],
    [claimVersionSchema, { claimId: "c1", expectedVersion: 1 }, "approvedById", "u1"],
    [returnVerdictSchema, { claimId: "c1", expectedVersion: 1, reason: "r" }, "assigneeId", "u1"],
    [proposeVerdictSchema, { claimId: "c1", expectedVersion: 1, rating: "FALSE", rationale: "r" }, "state", "APPROVED"],
    [proposeVerdictSchema, { claimId: "c1", expectedVersion: 1, rating: "FALSE", rationale: "r" }, "proposedById", "u2"],
    [removeEvidenceSchema, { evidenceId: "e1", expectedVersion: 1 }, "claimId", "c9"],
  ] as const)("refuses extra keys (%#: %s)", (schema, input, key, value) => {
    expect(schema.safeParse(input).success).toBe(true);
    expect(unknownKeys(schema, { ...input, [key]: value })).toEqual([key]);
  });

  it("requires a reason to return a verdict, and caps it", () => {
    const base = { claimId: "c1", expectedVersion: 3 };
    expect(errorsAt(returnVerdictSchema, { ...base, reason: "  " }, "reason")).toEqual(["A reason is required."]);
    expect(errorsAt(returnVerdictSchema, { ...base, reason: "r".repeat(2001) }, "reason")).toEqual([
      "A reason must be at most 2,000 characters.",
    ]);
  });

  it("requires a rating and a rationale to propose, and caps the rationale", () => {
    const base = { claimId: "c1", expectedVersion: 3, rating: "FALSE", rationale: "Because." };
    expect(errorsAt(proposeVerdictSchema, { ...base, rating: " " }, "rating")).toEqual(["Choose a verdict."]);
    expect(errorsAt(proposeVerdictSchema, { ...base, rating: "X".repeat(41) }, "rating")).toEqual(["Choose a verdict."]);
    expect(errorsAt(proposeVerdictSchema, { ...base, rationale: "" }, "rationale")).toEqual(["Rationale is required."]);
    expect(errorsAt(proposeVerdictSchema, { ...base, rationale: "x".repeat(10_001) }, "rationale")).toEqual([
      "Rationale must be at most 10,000 characters.",
    ]);
    expect(proposeVerdictSchema.safeParse({ ...base, rationale: "x".repeat(10_000) }).success).toBe(true);
  });

  it("counts a line break a browser sends as CRLF once, and keeps it as LF, in rationales and comments", () => {
    // 100 lines of 99 characters and 99 breaks: 9,999 characters as typed, 10,098 as a form sends them.
    const typed = Array.from({ length: 100 }, () => "y".repeat(99)).join("\n");
    expect(typed.length).toBeLessThanOrEqual(10_000);
    const base = { claimId: "c1", expectedVersion: 3, rating: "FALSE" };
    const parsed = proposeVerdictSchema.safeParse({ ...base, rationale: typed.replace(/\n/g, "\r\n") });
    expect(parsed.success && parsed.data.rationale).toBe(typed);
    expect(proposeVerdictSchema.safeParse({ ...base, rationale: "a\rb\r\n\r\nc" }).data?.rationale).toBe("a\nb\n\nc");
    const comment = addCommentSchema.safeParse({ claimId: "c1", body: `${"z".repeat(2499)}\r\n${"z".repeat(2500)}` });
    expect(comment.success && comment.data.body.length).toBe(5000);
  });
});

describe("importArticleSchema", () => {
  const article = { title: "T", outlet: "O", text: "Some text." };

  it("accepts an article without optional fields and reads empty ones as absent", () => {
    const parsed = importArticleSchema.parse({ ...article, author: "", url: "", publishedAt: "" });
    expect(parsed.author).toBeUndefined();
    expect(parsed.url).toBeUndefined();
    expect(parsed.publishedAt).toBeUndefined();
  });

  it.each(["javascript:alert(1)", "data:text/plain,x", "file:///tmp/a"])("refuses the article URL %j", (url) => {
    expect(importArticleSchema.safeParse({ ...article, url }).success).toBe(false);
  });

  it("refuses empty text, empty title, a bad date and extra keys", () => {
    expect(errorsAt(importArticleSchema, { ...article, text: "  \n " }, "text")).toEqual(["Article text is required."]);
    expect(errorsAt(importArticleSchema, { ...article, title: "" }, "title")).toEqual(["Title is required."]);
    expect(errorsAt(importArticleSchema, { ...article, title: "t".repeat(501) }, "title")).toEqual(["Title must be at most 500 characters."]);
    expect(errorsAt(importArticleSchema, { ...article, publishedAt: "not a date" }, "publishedAt")).toEqual(["Enter a valid date."]);
    expect(unknownKeys(importArticleSchema, { ...article, importedById: "u1", contentHash: "x" }).sort()).toEqual(["contentHash", "importedById"]);
  });
});

describe("user and sign-in schemas", () => {
  const user = { email: " Rita@Example.ORG ", name: "Rita", role: "REVIEWER", password: "long enough password" };

  it("normalises the email and accepts the roles", () => {
    expect(createUserSchema.parse(user).email).toBe("rita@example.org");
    for (const role of ["ADMIN", "EDITOR", "REVIEWER"]) expect(createUserSchema.safeParse({ ...user, role }).success).toBe(true);
  });

  it("refuses an unknown role, a short password, a bad email and extra keys", () => {
    expect(errorsAt(createUserSchema, { ...user, role: "SUPERUSER" }, "role")).toEqual(["Role must be ADMIN, EDITOR or REVIEWER."]);
    expect(errorsAt(createUserSchema, { ...user, password: "short" }, "password")).toEqual(["Use at least 12 characters."]);
    expect(errorsAt(createUserSchema, { ...user, email: "not-an-email" }, "email")).toEqual(["Enter a valid email address."]);
    expect(errorsAt(createUserSchema, { ...user, name: " " }, "name")).toEqual(["Name is required."]);
    expect(unknownKeys(createUserSchema, { ...user, active: true, sessionVersion: 1 }).sort()).toEqual(["active", "sessionVersion"]);
  });

  it("sign-in refuses extra keys such as role, and over-long passwords", () => {
    const signIn = { email: "a@example.org", password: "x" };
    expect(signInSchema.safeParse(signIn).success).toBe(true);
    expect(unknownKeys(signInSchema, { ...signIn, role: "ADMIN" })).toEqual(["role"]);
    expect(errorsAt(signInSchema, { ...signIn, password: "" }, "password")).toEqual(["Password is required."]);
    expect(errorsAt(signInSchema, { ...signIn, password: "x".repeat(201) }, "password")).toEqual(["Password is too long."]);
  });

  it("password change refuses extra keys and a weak new password", () => {
    const change = { currentPassword: "old", newPassword: "a brand new password" };
    expect(changePasswordSchema.safeParse(change).success).toBe(true);
    expect(unknownKeys(changePasswordSchema, { ...change, userId: "someone-else" })).toEqual(["userId"]);
    expect(errorsAt(changePasswordSchema, { ...change, newPassword: "tiny" }, "newPassword")).toEqual(["Use at least 12 characters."]);
  });
});

describe("idSchema", () => {
  it("accepts cuid-like ids and refuses anything else", () => {
    expect(idSchema.parse(" cmabc123_-X ")).toBe("cmabc123_-X");
    for (const bad of ["", " ", "a/b", "a'b", "<script>", "x".repeat(65)]) expect(idSchema.safeParse(bad).success).toBe(false);
  });
});

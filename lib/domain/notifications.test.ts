import { describe, expect, it } from "vitest";
import { describeNotification, dueReminderKey, parseDetail, tomorrowWindow } from "./notifications";

describe("tomorrowWindow", () => {
  it("is the next UTC calendar day, whatever the time of day", () => {
    for (const now of ["2026-03-10T00:00:00Z", "2026-03-10T13:45:00Z", "2026-03-10T23:59:59.999Z"]) {
      const w = tomorrowWindow(new Date(now));
      expect(w.from.toISOString()).toBe("2026-03-11T00:00:00.000Z");
      expect(w.to.toISOString()).toBe("2026-03-12T00:00:00.000Z");
      expect(w.key).toBe("2026-03-11");
    }
  });

  it("crosses month and year ends", () => {
    expect(tomorrowWindow(new Date("2026-12-31T20:00:00Z")).key).toBe("2027-01-01");
    expect(tomorrowWindow(new Date("2028-02-28T20:00:00Z")).key).toBe("2028-02-29");
  });

  it("keys reminders by user, claim and due day", () => {
    expect(dueReminderKey("u1", "c1", "2026-03-11")).toBe("due:u1:c1:2026-03-11");
    expect(dueReminderKey("u1", "c1", "2026-03-11")).not.toBe(dueReminderKey("u2", "c1", "2026-03-11"));
  });
});

describe("describeNotification", () => {
  const base = { actorName: "Eva Editor", claimText: "Unemployment fell to 3.5 percent", detail: {} };

  it("words each kind", () => {
    expect(describeNotification({ ...base, kind: "ASSIGNED" })).toBe("Eva Editor assigned “Unemployment fell to 3.5 percent” to you.");
    expect(describeNotification({ ...base, kind: "ASSIGNED", detail: { slot: 2 } })).toContain("second reviewer (blind double review)");
    expect(describeNotification({ ...base, kind: "RETURNED", detail: { reason: "Cite the source." } })).toBe(
      "Eva Editor returned your verdict on “Unemployment fell to 3.5 percent”: Cite the source.",
    );
    expect(describeNotification({ ...base, kind: "APPROVED" })).toContain("approved your verdict");
    expect(describeNotification({ ...base, kind: "APPROVED", detail: { yours: false } })).toContain("the other reviewer's verdict");
    expect(describeNotification({ ...base, kind: "MENTIONED" })).toBe("Eva Editor mentioned you in a comment on “Unemployment fell to 3.5 percent”.");
    expect(describeNotification({ ...base, actorName: null, kind: "DUE_TOMORROW", detail: { due: "2026-03-11" } })).toBe(
      "“Unemployment fell to 3.5 percent” is due tomorrow (2026-03-11).",
    );
  });

  it("shortens long claims", () => {
    const text = describeNotification({ ...base, kind: "MENTIONED", claimText: "x".repeat(200) });
    expect(text).toContain(`“${"x".repeat(87)}…”`);
  });
});

describe("parseDetail", () => {
  it("reads JSON objects and nothing else", () => {
    expect(parseDetail('{"slot":2}')).toEqual({ slot: 2 });
    expect(parseDetail(null)).toEqual({});
    expect(parseDetail("[1]")).toEqual({});
    expect(parseDetail("not json")).toEqual({});
  });
});

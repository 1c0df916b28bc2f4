import { describe, expect, it } from "vitest";
import { applyScaleEdit, ratingKeyFor } from "./verdict-scale-edit";
import { activeRatings, DEFAULT_VERDICT_SCALE } from "./verdict-scale";

const unused = () => false;
const fields = { label: "Pants on fire", color: "#7a1010", ratingValue: 1, requiresEvidence: true };

describe("verdict scale edits", () => {
  it("adds a rating with a key made from its label", () => {
    const next = applyScaleEdit(DEFAULT_VERDICT_SCALE, { op: "add", ...fields }, unused);
    expect(next).toHaveLength(DEFAULT_VERDICT_SCALE.length + 1);
    expect(next.at(-1)).toEqual({ key: "PANTS_ON_FIRE", label: "Pants on fire", color: "#7a1010", ratingValue: 1, requiresEvidence: true });
    expect(ratingKeyFor("True", DEFAULT_VERDICT_SCALE)).toBe("TRUE_2");
  });

  it("refuses a colour below 4.5:1 with white text and names the nearest that passes", () => {
    expect(() => applyScaleEdit(DEFAULT_VERDICT_SCALE, { op: "add", ...fields, color: "#ffff00" }, unused)).toThrow(/nearest colour that passes is #[0-9a-f]{6}/);
    expect(() => applyScaleEdit(DEFAULT_VERDICT_SCALE, { op: "add", ...fields, color: "banana" }, unused)).toThrow(/Enter a colour/);
  });

  it("refuses a duplicate label, ignoring case and spaces", () => {
    expect(() => applyScaleEdit(DEFAULT_VERDICT_SCALE, { op: "add", ...fields, label: "mostly  TRUE" }, unused)).toThrow(/already has a rating/);
  });

  it("renames, recolours and revalues a rating in place, keeping its key", () => {
    const next = applyScaleEdit(DEFAULT_VERDICT_SCALE, { op: "update", key: "HALF_TRUE", label: "Mixed", color: "#806000", ratingValue: null, requiresEvidence: false }, unused);
    expect(next[2]).toEqual({ key: "HALF_TRUE", label: "Mixed", color: "#806000", ratingValue: null, requiresEvidence: false });
    expect(DEFAULT_VERDICT_SCALE[2]!.label).toBe("Half true / Mixed");
  });

  it("reorders; moving past either end changes nothing", () => {
    const up = applyScaleEdit(DEFAULT_VERDICT_SCALE, { op: "up", key: "MOSTLY_TRUE" }, unused);
    expect(up.slice(0, 2).map((r) => r.key)).toEqual(["MOSTLY_TRUE", "TRUE"]);
    expect(applyScaleEdit(DEFAULT_VERDICT_SCALE, { op: "up", key: "TRUE" }, unused).map((r) => r.key)).toEqual(DEFAULT_VERDICT_SCALE.map((r) => r.key));
  });

  it("a rating in use cannot be deleted, only retired; retired ratings leave the choices but stay on the scale", () => {
    const inUse = (key: string) => key === "FALSE";
    expect(() => applyScaleEdit(DEFAULT_VERDICT_SCALE, { op: "delete", key: "FALSE" }, inUse)).toThrow(/cannot be deleted. Retire it instead/);
    const retired = applyScaleEdit(DEFAULT_VERDICT_SCALE, { op: "retire", key: "FALSE" }, inUse);
    expect(retired.find((r) => r.key === "FALSE")).toMatchObject({ retired: true, label: "False" });
    expect(activeRatings(retired).map((r) => r.key)).not.toContain("FALSE");
    expect(applyScaleEdit(retired, { op: "restore", key: "FALSE" }, inUse).find((r) => r.key === "FALSE")?.retired).toBe(false);
    expect(applyScaleEdit(DEFAULT_VERDICT_SCALE, { op: "delete", key: "UNPROVEN" }, inUse).map((r) => r.key)).not.toContain("UNPROVEN");
  });

  it("keeps one rating open and refuses unknown keys", () => {
    const one = [DEFAULT_VERDICT_SCALE[0]!];
    expect(() => applyScaleEdit(one, { op: "retire", key: "TRUE" }, unused)).toThrow(/at least one rating open/);
    expect(() => applyScaleEdit(one, { op: "delete", key: "TRUE" }, unused)).toThrow(/at least one rating open/);
    expect(() => applyScaleEdit(one, { op: "up", key: "NOPE" }, unused)).toThrow(/no longer on the scale/);
  });
});

import { describe, expect, it } from "vitest";
import { openVerdictConflict, type ClusterVerdict } from "./open-conflict";

const v = (claimId: string, verdictId: string, rating: string, state = "APPROVED"): ClusterVerdict => ({ claimId, verdictId, rating, state });

describe("openVerdictConflict", () => {
  it("flags decided verdicts with different ratings", () => {
    const verdicts = [v("c1", "v1", "TRUE"), v("c2", "v2", "FALSE", "PUBLISHED")];
    expect(openVerdictConflict(verdicts, []).map((x) => x.verdictId)).toEqual(["v1", "v2"]);
  });

  it("is quiet when the ratings agree, or when one side is only proposed", () => {
    expect(openVerdictConflict([v("c1", "v1", "TRUE"), v("c2", "v2", "TRUE", "PUBLISHED")], [])).toEqual([]);
    expect(openVerdictConflict([v("c1", "v1", "TRUE"), v("c2", "v2", "FALSE", "PROPOSED")], [])).toEqual([]);
    expect(openVerdictConflict([v("c1", "v1", "TRUE")], [])).toEqual([]);
  });

  it("is resolved by a resolution covering every conflicting verdict, re-opened by a new approval", () => {
    const verdicts = [v("c1", "v1", "TRUE"), v("c2", "v2", "FALSE")];
    expect(openVerdictConflict(verdicts, [["v1", "v2"]])).toEqual([]);
    expect(openVerdictConflict(verdicts, [["v2", "v1", "v9"]])).toEqual([]);
    // c2's verdict was reopened and a new one (v3) approved: the old resolution no longer covers it.
    const after = [v("c1", "v1", "TRUE"), v("c2", "v3", "MOSTLY_FALSE")];
    expect(openVerdictConflict(after, [["v1", "v2"]]).map((x) => x.verdictId)).toEqual(["v1", "v3"]);
    // A third claim joins with its own verdict: open again.
    expect(openVerdictConflict([...verdicts, v("c3", "v4", "TRUE")], [["v1", "v2"]])).toHaveLength(3);
  });
});

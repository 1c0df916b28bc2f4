import { describe, expect, it } from "vitest";
import { clusterVerdictConflict, type ClusterVerdict } from "./open-conflict";

const v = (claimId: string, articleId: string, rating: string, state = "APPROVED"): ClusterVerdict => ({
  claimId,
  articleId,
  verdictId: `v-${claimId}`,
  rating,
  label: rating.toLowerCase(),
  state,
});

describe("clusterVerdictConflict", () => {
  it("lists every final verdict when two articles' final verdicts differ", () => {
    const conflict = clusterVerdictConflict("k1", [v("c1", "a1", "TRUE"), v("c2", "a2", "FALSE", "PUBLISHED"), v("c3", "a2", "TRUE", "PROPOSED")]);
    expect(conflict).toEqual({
      clusterId: "k1",
      verdicts: [
        { claimId: "c1", articleId: "a1", verdictId: "v-c1", rating: "TRUE", label: "true" },
        { claimId: "c2", articleId: "a2", verdictId: "v-c2", rating: "FALSE", label: "false" },
      ],
    });
  });

  it("is null when the ratings agree, when one side is only proposed, or when they differ inside one article only", () => {
    expect(clusterVerdictConflict("k", [v("c1", "a1", "TRUE"), v("c2", "a2", "TRUE", "PUBLISHED")])).toBeNull();
    expect(clusterVerdictConflict("k", [v("c1", "a1", "TRUE"), v("c2", "a2", "FALSE", "PROPOSED")])).toBeNull();
    expect(clusterVerdictConflict("k", [v("c1", "a1", "TRUE"), v("c2", "a1", "FALSE")])).toBeNull();
    expect(clusterVerdictConflict("k", [v("c1", "a1", "TRUE")])).toBeNull();
  });
});

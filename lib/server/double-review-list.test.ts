import { describe, expect, it } from "vitest";
import { listClaims } from "./claim/list-claims";
import { makeDoubleReviewClaim, makeUser, proposeWithEvidence } from "./testing/factories";

describe("blind double review in the claim list", () => {
  it("shows a reviewer only their own proposal until both have proposed, then both, not only the latest", async () => {
    const editor = await makeUser("EDITOR");
    const riley = await makeUser("REVIEWER");
    const sam = await makeUser("REVIEWER");
    const { article, claim } = await makeDoubleReviewClaim(editor, riley, sam);
    const ratingsIn = async (actor: typeof riley) =>
      (await listClaims(actor, { articleId: article.id })).find((c) => c.id === claim.id)!.verdicts.map((v) => v.rating).sort();

    await proposeWithEvidence(riley, claim.id, "MOSTLY_TRUE");
    expect(await ratingsIn(riley)).toEqual(["MOSTLY_TRUE"]);
    expect(await ratingsIn(sam)).toEqual([]);

    await proposeWithEvidence(sam, claim.id, "TRUE");
    expect(await ratingsIn(riley)).toEqual(["MOSTLY_TRUE", "TRUE"]);
    expect(await ratingsIn(sam)).toEqual(["MOSTLY_TRUE", "TRUE"]);
    expect(await ratingsIn(editor)).toEqual(["MOSTLY_TRUE", "TRUE"]);
  });
});

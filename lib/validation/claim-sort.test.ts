import { describe, expect, it } from "vitest";
import { parseClaimListView } from "./claim-sort";
import { CLAIM_PAGE_SIZES, claimListFilterSchema, DEFAULT_CLAIM_PAGE_SIZE, parseClaimListFilter, REPEATED_SEARCH_MESSAGE } from "./claims";

describe("the claims page's page size (perPage)", () => {
  it("shows the default size when the URL names none, and says it was not chosen", () => {
    const view = parseClaimListView({}, true);
    expect(view.perPage).toBe(DEFAULT_CLAIM_PAGE_SIZE);
    expect(view.explicitPerPage).toBe(false);
    expect(view.ignored).toEqual([]);
    expect(parseClaimListView({ perPage: "" }, true)).toMatchObject({ perPage: DEFAULT_CLAIM_PAGE_SIZE, explicitPerPage: false, ignored: [] });
  });

  it("takes every offered size as a number, beside the filters, order and cursor", () => {
    for (const size of CLAIM_PAGE_SIZES) {
      const view = parseClaimListView({ perPage: String(size), status: "IN_REVIEW", sort: "changed" }, true);
      expect(view).toMatchObject({ perPage: size, explicitPerPage: true, sort: "changed", ignored: [] });
      expect(view.filter).toEqual({ status: "IN_REVIEW" });
    }
    // The first of repeated parameters counts, as for the filters.
    expect(parseClaimListView({ perPage: ["50", "100"] }, false).perPage).toBe(50);
  });

  it("names a size it does not offer among the ignored parameters and shows the default", () => {
    for (const bad of ["10", "201", "1000000", "-25", "50.0", "fifty", " 50x"]) {
      const view = parseClaimListView({ perPage: bad, q: "harbour" }, true);
      expect(view.perPage, bad).toBe(DEFAULT_CLAIM_PAGE_SIZE);
      expect(view.explicitPerPage).toBe(false);
      expect(view.ignored).toEqual(["perPage"]);
      // The other parameters are read as without it.
      expect(view.filter).toEqual({ q: "harbour" });
      expect(view.sort).toBe("relevance");
    }
  });

  it("keeps the other parameters' complaints beside a bad size", () => {
    const view = parseClaimListView({ perPage: "7", sort: "sideways" }, true);
    expect(view.ignored.sort()).toEqual(["perPage", "sort"]);
  });
});

describe("a repeated search (q) on the claims page", () => {
  it("is dropped and named, never read as one of its values, and the other filters stay", () => {
    for (const q of [["harbour", "bridge"], ["harbour", "harbour"]]) {
      const view = parseClaimListView({ q, status: "IN_REVIEW" }, true);
      expect(view.filter).toEqual({ status: "IN_REVIEW" });
      expect(view.ignored).toEqual(["q"]);
      // Without a search the list is not sorted by relevance.
      expect(view.sort).not.toBe("relevance");
    }
    // One value (as a one-item list too) is the search.
    expect(parseClaimListView({ q: ["harbour"] }, true)).toMatchObject({ filter: { q: "harbour" }, ignored: [], sort: "relevance" });
    expect(parseClaimListFilter({ q: ["a", "b"], priority: "HIGH" })).toMatchObject({ filter: { priority: "HIGH" }, ignored: ["q"] });
    expect(claimListFilterSchema.safeParse({ q: ["a", "b"] }).error?.issues[0]?.message).toBe(REPEATED_SEARCH_MESSAGE);
  });
});

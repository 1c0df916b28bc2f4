/**
 * User Markdown that would cost seconds to render or overflow the stack (found by trying a comment of
 * 4,999 `>`: the claim page answered 500 for everyone after that) is refused on save with the limit
 * named, and the typed text stays; ordinary nesting is still Markdown.
 */
import { expect, test } from "@playwright/test";
import { loadFixtures, signInReusing } from "./fixtures";
import { openAnyClaim } from "./helpers";

const fx = loadFixtures();

test("a comment nesting quotes thousands deep is refused with the limit named; the claim page keeps working", async ({ page }) => {
  await signInReusing(page, fx.users.editor, fx.password);
  const claimPath = await openAnyClaim(page);
  const before = await page.getByTestId("comment").count();
  const form = page.getByTestId("comment-form");
  const box = form.getByLabel(/Comment/);
  const bomb = ">".repeat(4999) + "x";
  await box.fill(bomb);
  await form.getByRole("button", { name: "Add comment" }).click();
  await expect(form.getByTestId("field-error-body")).toHaveText("A comment nests quotes or lists 4,999 levels deep; at most 16 can be shown. Flatten them and try again.");
  await expect(box).toHaveValue(bomb);
  await expect(page.getByTestId("comment")).toHaveCount(before);

  const list = "- 5,000 claims\n  - 3,000 approved\n    > quoted from the release";
  await box.fill(list);
  await form.getByRole("button", { name: "Add comment" }).click();
  await expect(form.getByTestId("form-ok")).toHaveText("Comment added.");
  await page.goto(claimPath);
  const comment = page.getByTestId("comment").last();
  await expect(comment.locator("li li blockquote")).toHaveText("quoted from the release");
});

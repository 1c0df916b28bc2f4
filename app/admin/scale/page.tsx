import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { VerdictScaleEditor } from "@/components/admin/verdict-scale-editor";
import { MIN_TEXT_CONTRAST } from "@/lib/domain/color-contrast";
import { getCurrentUser } from "@/lib/server/auth";
import { isAdmin } from "@/lib/server/permissions";
import { readVerdictScaleSetting } from "@/lib/server/settings";
import { saveRatingAction, scaleStepAction } from "./actions";

export const metadata: Metadata = { title: "Verdict scale" };

export default async function VerdictScalePage() {
  const actor = await getCurrentUser();
  if (!actor) redirect("/login?callbackUrl=/admin/scale");
  if (!isAdmin(actor)) notFound();
  const { scale, version, inUse } = await readVerdictScaleSetting(actor);
  return (
    <>
      <h1>Verdict scale</h1>
      <p className="muted">
        The ratings reviewers choose from, in this order. Labels are drawn in white on their colour, which must reach a contrast of {MIN_TEXT_CONTRAST}:1
        (WCAG 2.2 AA); a colour that does not is refused with the nearest one that does. A rating used by verdicts cannot be deleted: retire it, and
        old verdicts keep it. Reports show the label a verdict had when it was approved. Scale version {version}.
      </p>
      <VerdictScaleEditor scale={scale} version={version} inUse={inUse} saveRating={saveRatingAction} step={scaleStepAction} />
    </>
  );
}

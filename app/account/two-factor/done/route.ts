import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/server/auth";
import { patchSessionToken } from "@/lib/server/auth/reauth";
import { readTwoFactorStatus } from "@/lib/server/auth/two-factor";

/**
 * After the recovery codes were shown: once two-factor is really on, the session stops sending its
 * owner to the set-up page (claim `mfa` cleared), then on to the claims. (Done here rather than in the
 * confirm action, whose cookie change would refresh the page and hide the recovery codes.)
 */
export async function GET(request: Request) {
  const actor = await getCurrentUser();
  if (!actor) return NextResponse.redirect(new URL("/login", request.url), 303);
  if (!(await readTwoFactorStatus(actor)).enabled) return NextResponse.redirect(new URL("/account/two-factor", request.url), 303);
  await patchSessionToken({ mfa: 0 });
  return NextResponse.redirect(new URL("/claims", request.url), 303);
}

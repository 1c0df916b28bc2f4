import { getCurrentUser } from "@/lib/server/auth";
import { patchSessionToken } from "@/lib/server/auth/reauth";
import { readTwoFactorStatus } from "@/lib/server/auth/two-factor";

/**
 * After the recovery codes were shown: once two-factor is really on, the session stops sending its
 * owner to the set-up page (claim `mfa` cleared), then on to the claims. (Done here rather than in the
 * confirm action, whose cookie change would refresh the page and hide the recovery codes.)
 */
export async function GET() {
  const actor = await getCurrentUser();
  if (!actor) return seeOther("/login");
  if (!(await readTwoFactorStatus(actor)).enabled) return seeOther("/account/two-factor");
  await patchSessionToken({ mfa: 0 });
  return seeOther("/claims");
}

/**
 * A redirect to a path on this same origin. Relative (RFC 9110 §10.2.2): the request's URL inside the
 * server may name another host (e.g. localhost for 127.0.0.1), whose cookies the browser would not send.
 */
function seeOther(path: string): Response {
  return new Response(null, { status: 303, headers: { Location: path, "Cache-Control": "no-store" } });
}

import { NextResponse, type NextRequest } from "next/server";
import { refuseServerActionBody } from "@/lib/domain/request-limits";

/**
 * Runs before every route (Next 16 "proxy", formerly middleware). An oversized server-action body is
 * refused here with 413 in the API's error shape, before Next reads it (issue 12).
 */
export function proxy(request: NextRequest) {
  const refusal = refuseServerActionBody(request.method, request.headers);
  if (refusal) return NextResponse.json(refusal.body, { status: refusal.status, headers: { "Cache-Control": "no-store" } });
  return NextResponse.next();
}

/** Unknown /api/v1/… paths answer the API's JSON 404, for every method (issue 12). */
import { describe, expect, it } from "vitest";
import * as unknownRoute from "@/app/api/v1/[...path]/route";
import { apiRequest, expectApiError } from "./testing/api";

describe("/api/v1/<unknown>", () => {
  it.each(["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const)("answers %s with a JSON 404 in the error shape", async (method) => {
    const handler = unknownRoute[method];
    const response = await handler(apiRequest(method, "/api/v1/no/such/thing"));
    const error = await expectApiError(response, 404, "NOT_FOUND");
    expect(error.message).toMatch(/no API endpoint at \/api\/v1\/no\/such\/thing/);
  });
});

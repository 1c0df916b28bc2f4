import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { refuseServerActionBody, SERVER_ACTION_BODY_LIMIT_BYTES } from "./request-limits";

const action = (length?: string) => new Headers({ "next-action": "abc123", ...(length === undefined ? {} : { "content-length": length }) });

describe("refuseServerActionBody", () => {
  it("matches the server-action body limit configured for Next", () => {
    const config = readFileSync("next.config.js", "utf8");
    const match = /bodySizeLimit:\s*"(\d+)mb"/i.exec(config);
    expect(match).not.toBeNull();
    expect(Number(match![1]) * 1024 * 1024).toBe(SERVER_ACTION_BODY_LIMIT_BYTES);
  });

  it("refuses a server action declaring more bytes than the limit with 413 in the API's error shape", () => {
    const refusal = refuseServerActionBody("POST", action(String(SERVER_ACTION_BODY_LIMIT_BYTES + 1)));
    expect(refusal).toEqual({ status: 413, body: { error: { code: "PAYLOAD_TOO_LARGE", message: expect.stringMatching(/larger than the 3 MiB/) } } });
  });

  it("lets through bodies within the limit, other requests, and bodies without a length (Next caps those)", () => {
    expect(refuseServerActionBody("POST", action(String(SERVER_ACTION_BODY_LIMIT_BYTES)))).toBeNull();
    expect(refuseServerActionBody("POST", action("100"))).toBeNull();
    expect(refuseServerActionBody("POST", action())).toBeNull();
    expect(refuseServerActionBody("POST", action("abc"))).toBeNull();
    expect(refuseServerActionBody("POST", new Headers({ "content-length": String(10 * SERVER_ACTION_BODY_LIMIT_BYTES) }))).toBeNull();
    expect(refuseServerActionBody("GET", action(String(10 * SERVER_ACTION_BODY_LIMIT_BYTES)))).toBeNull();
  });
});

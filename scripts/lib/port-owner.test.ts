import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { portIsFree, portOwner, processAlive } from "./port-owner";

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

describe("port-owner", () => {
  it("finds this process as the owner of a port it listens on, and sees the port taken", async () => {
    server = createServer();
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    expect(await portIsFree(port)).toBe(false);
    const owner = portOwner(port);
    expect(owner?.pid).toBe(process.pid);
    expect(owner?.command).toContain("node");
  });

  it("sees a closed port as free, with no owner", async () => {
    server = createServer();
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    expect(await portIsFree(port)).toBe(true);
    expect(portOwner(port)).toBeNull();
  });

  it("tells live pids from dead ones", () => {
    expect(processAlive(process.pid)).toBe(true);
    expect(processAlive(2 ** 22 + 12345)).toBe(false);
  });
});

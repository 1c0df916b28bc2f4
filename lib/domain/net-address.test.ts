import { describe, expect, it } from "vitest";
import { isPublicAddress } from "./net-address";

describe("isPublicAddress", () => {
  it.each([
    "127.0.0.1",
    "127.8.9.10",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fd12:3456::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "ff02::1",
    "not-an-ip",
    // IPv4 embedded in IPv6 (issue 12): compatible, RFC 6145, NAT64, 6to4, Teredo
    "::127.0.0.1",
    "::7f00:1",
    "::ffff:0:7f00:1",
    "::ffff:0:127.0.0.1",
    "64:ff9b::7f00:1",
    "64:ff9b::8.8.8.8",
    "64:ff9b:1::7f00:1",
    "2002:7f00:1::1",
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",
    "::ffff:10.0.0.1",
    "::ffff:169.254.169.254",
    // other special ranges
    "192.0.0.8",
    "198.18.0.1",
    "192.52.193.1",
    "2001:db8::1",
    "3fff::1",
    "5f00::1",
    "100::1",
    "fec0::1",
    "4000::1",
    "1.2.3",
  ])("refuses %s", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(["8.8.8.8", "1.1.1.1", "172.32.0.1", "93.184.216.34", "2606:4700:4700::1111", "::ffff:8.8.8.8"])("accepts %s", (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

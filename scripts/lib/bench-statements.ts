/**
 * SQL statements per request on a bench desk (issue 13's "≤ 8 statements"), counted the way the
 * integration tests count them (lib/server/testing/query-counter.ts: the app's Prisma client logs
 * its queries under NODE_ENV=test; BEGIN/COMMIT/ROLLBACK are not counted). bench-pages.ts runs it as
 *
 *   NODE_ENV=test DATABASE_URL=… BENCH_STATEMENTS='{"editor":…,"reviewer":…,"token":…,"pageClaim":…,"evidenceClaim":…,"verdictClaim":…,"version":3}' \
 *     tsx --conditions=react-server scripts/lib/bench-statements.ts
 *
 * and reads one JSON line from stdout: the claim page's data read (getClaimDetail, what the page
 * reads besides the session), and the REST add-evidence and propose-verdict route handlers (token
 * check, write, response) end to end.
 */
import { POST as addEvidenceRoute } from "@/app/api/v1/claims/[claimId]/evidence/route";
import { POST as proposeVerdictRoute } from "@/app/api/v1/claims/[claimId]/verdict/route";
import { getClaimDetail } from "@/lib/server/claim-detail/get-claim-detail";
import type { Actor } from "@/lib/server/permissions";
import { countQueries } from "@/lib/server/testing/query-counter";

interface Input {
  editor: Actor;
  token: string;
  pageClaim: string;
  evidenceClaim: string;
  verdictClaim: string;
  version: number;
}

const input = JSON.parse(process.env.BENCH_STATEMENTS ?? "{}") as Input;
const params = (claimId: string) => ({ params: Promise.resolve({ claimId }) });
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`http://127.0.0.1${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${input.token}`, "Content-Type": "application/json", "X-Forwarded-For": "127.0.0.1", ...headers },
    body: JSON.stringify(body),
  });

async function main() {
  await getClaimDetail(input.editor, input.pageClaim); // warm-up: settings cache, client connection
  const page = await countQueries(() => getClaimDetail(input.editor, input.pageClaim));
  const evidence = await countQueries(() =>
    addEvidenceRoute(post(`/api/v1/claims/${input.evidenceClaim}/evidence`, { url: "https://source.example/count", title: "Counted", publisher: "Bench Agency", quote: "The agency counted.", stance: "REFUTES" }), params(input.evidenceClaim)),
  );
  const verdict = await countQueries(() =>
    proposeVerdictRoute(post(`/api/v1/claims/${input.verdictClaim}/verdict`, { rating: "FALSE", rationale: "Counted." }, { "If-Match": `"v${input.version}"` }), params(input.verdictClaim)),
  );
  process.stdout.write(
    `${JSON.stringify({
      claimPage: page.queries,
      addEvidence: evidence.result.status === 201 ? evidence.queries : null,
      proposeVerdict: verdict.result.status === 200 ? verdict.queries : null,
      statuses: [evidence.result.status, verdict.result.status],
    })}\n`,
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);

/**
 * npm run user:reset-password -- --email a@b.org
 * Replaces an account's password with a generated one-time password, printed once; the user's
 * sessions end and they choose their own password at the next sign-in.
 */
import "./lib/use-cli-database";
import { parseArgs } from "node:util";
import { AppError } from "@/lib/domain/errors";
import { findUserIdByEmail, resetUserPassword } from "@/lib/server/users";
import { runUserCli } from "./user-cli";

const USAGE = "Usage: npm run user:reset-password -- --email a@b.org";
const { values } = parseArgs({ options: { email: { type: "string" } }, strict: true });

await runUserCli(USAGE, async () => {
  if (!values.email) throw new AppError("VALIDATION", `Give --email. ${USAGE}`);
  const { oneTimePassword } = await resetUserPassword("cli", await findUserIdByEmail(values.email));
  return [`Password of ${values.email} reset; their sessions have ended.`, `One-time password (shown once): ${oneTimePassword}`];
});

/**
 * npm run user:deactivate -- --email a@b.org [--reactivate]
 * Deactivates an account (its sessions end, it can no longer sign in), or lets it sign in again.
 * The last active admin cannot be deactivated.
 */
import "./lib/use-cli-database";
import { parseArgs } from "node:util";
import { AppError } from "@/lib/domain/errors";
import { deactivateUser, findUserIdByEmail, reactivateUser } from "@/lib/server/users";
import { runUserCli } from "./user-cli";

const USAGE = "Usage: npm run user:deactivate -- --email a@b.org [--reactivate]";
const { values } = parseArgs({ options: { email: { type: "string" }, reactivate: { type: "boolean", default: false } }, strict: true });

await runUserCli(USAGE, async () => {
  if (!values.email) throw new AppError("VALIDATION", `Give --email. ${USAGE}`);
  const userId = await findUserIdByEmail(values.email);
  if (values.reactivate) {
    await reactivateUser("cli", userId);
    return [`${values.email} is active again.`];
  }
  await deactivateUser("cli", userId);
  return [`${values.email} is deactivated; their sessions have ended.`];
});

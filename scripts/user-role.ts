/**
 * npm run user:role -- --email a@b.org --role ADMIN|EDITOR|REVIEWER
 * Changes an account's role (audited, the user's sessions end). The last active admin keeps the role.
 */
import "./lib/use-cli-database";
import { parseArgs } from "node:util";
import { AppError } from "@/lib/domain/errors";
import { isRole } from "@/lib/domain/roles";
import { changeUserRole, findUserIdByEmail } from "@/lib/server/users";
import { runUserCli } from "./user-cli";

const USAGE = "Usage: npm run user:role -- --email a@b.org --role ADMIN|EDITOR|REVIEWER";
const { values } = parseArgs({ options: { email: { type: "string" }, role: { type: "string" } }, strict: true });

await runUserCli(USAGE, async () => {
  const role = (values.role ?? "").toUpperCase();
  if (!values.email || !isRole(role)) throw new AppError("VALIDATION", `Give --email and --role (ADMIN, EDITOR or REVIEWER). ${USAGE}`);
  await changeUserRole("cli", await findUserIdByEmail(values.email), role);
  return [`${values.email} is now ${role.toLowerCase()}; their sessions have ended.`];
});

/**
 * npm run user:reset-password -- --email a@b.org [--link]
 * Replaces an account's password with a generated one-time password, printed once; the user's
 * sessions end and they choose their own password at the next sign-in. With --link, a one-time
 * set-password link instead (printed once, absolute when NEXTAUTH_URL is set; expires after
 * SET_PASSWORD_LINK_HOURS).
 */
import "./lib/use-cli-database";
import { parseArgs } from "node:util";
import { AppError } from "@/lib/domain/errors";
import { resetPasswordWithLink } from "@/lib/server/set-password-links";
import { findUserIdByEmail, resetUserPassword } from "@/lib/server/users";
import { runUserCli, setPasswordLinkLine } from "./user-cli";

const USAGE = "Usage: npm run user:reset-password -- --email a@b.org [--link]";
const { values } = parseArgs({ options: { email: { type: "string" }, link: { type: "boolean", default: false } }, strict: true });

await runUserCli(USAGE, async () => {
  if (!values.email) throw new AppError("VALIDATION", `Give --email. ${USAGE}`);
  const userId = await findUserIdByEmail(values.email);
  if (values.link) {
    const { link } = await resetPasswordWithLink("cli", userId);
    return [`Password of ${values.email} reset; their sessions have ended.`, setPasswordLinkLine(link)];
  }
  const { oneTimePassword } = await resetUserPassword("cli", userId);
  return [`Password of ${values.email} reset; their sessions have ended.`, `One-time password (shown once): ${oneTimePassword}`];
});

/**
 * npm run user:create -- --email a@b.org --name "A. Person" --role EDITOR [--password … | --link]
 * Creates an account on a real install (there are no default accounts). Without --password, the
 * password is read from CLAIMLEDGER_PASSWORD, or a strong one is generated and printed once. With
 * --link, the account gets no usable password but a one-time set-password link instead (printed
 * once, absolute when NEXTAUTH_URL is set; expires after SET_PASSWORD_LINK_HOURS), as an admin's
 * "create with a link" does in the app.
 */
import "./lib/use-cli-database";
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { AppError } from "@/lib/domain/errors";
import { adminCreateUserSchema, createUserSchema } from "@/lib/validation/users";
import { createUserWithSetPasswordLink } from "@/lib/server/set-password-links";
import { createUser } from "@/lib/server/users";
import { describeDatabase, setPasswordLinkLine } from "./user-cli";

const USAGE = 'Usage: npm run user:create -- --email a@b.org --name "A. Person" --role ADMIN|EDITOR|REVIEWER [--password … | --link]';
const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string", default: "REVIEWER" },
    password: { type: "string" },
    link: { type: "boolean", default: false },
  },
  strict: true,
});

function refuse(lines: string[]): never {
  for (const line of lines) console.error(line);
  console.error(USAGE);
  process.exit(1);
}

if (values.link && values.password) refuse(["✗ Give either --password or --link, not both."]);
const identity = {
  email: values.email ?? "",
  name: values.name ?? values.email?.split("@")[0] ?? "",
  role: (values.role ?? "").toUpperCase(),
};
const generated = !values.link && !values.password && !process.env.CLAIMLEDGER_PASSWORD;
const password = values.password ?? process.env.CLAIMLEDGER_PASSWORD ?? randomBytes(12).toString("base64url");
const parsed = values.link ? adminCreateUserSchema.safeParse(identity) : createUserSchema.safeParse({ ...identity, password });
if (!parsed.success) refuse(parsed.error.issues.map((issue) => `✗ ${issue.path.join(".") || "input"}: ${issue.message}`));
console.log(`Database: ${describeDatabase()}`);
try {
  if (values.link) {
    const { user, link } = await createUserWithSetPasswordLink("cli", adminCreateUserSchema.parse(identity));
    console.log(`Created ${user.role.toLowerCase()} ${user.email} (${user.name}); they choose their password through the link.`);
    console.log(setPasswordLinkLine(link));
  } else {
    const user = await createUser("cli", createUserSchema.parse({ ...identity, password }));
    console.log(`Created ${user.role.toLowerCase()} ${user.email} (${user.name}).`);
    if (generated) console.log(`Password (shown once): ${password}`);
  }
  process.exit(0);
} catch (error) {
  console.error(`✗ ${error instanceof AppError ? error.message : String(error)}`);
  process.exit(1);
}

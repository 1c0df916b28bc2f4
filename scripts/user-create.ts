/**
 * npm run user:create -- --email a@b.org --name "A. Person" --role EDITOR [--password …]
 * Creates an account on a real install (there are no default accounts). Without --password, the
 * password is read from CLAIMLEDGER_PASSWORD, or a strong one is generated and printed once.
 */
import "./lib/use-cli-database";
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { AppError } from "@/lib/domain/errors";
import { createUserSchema } from "@/lib/validation/users";
import { createUser } from "@/lib/server/users";
import { describeDatabase } from "./user-cli";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string", default: "REVIEWER" },
    password: { type: "string" },
  },
  strict: true,
});

const generated = !values.password && !process.env.CLAIMLEDGER_PASSWORD;
const password = values.password ?? process.env.CLAIMLEDGER_PASSWORD ?? randomBytes(12).toString("base64url");
const parsed = createUserSchema.safeParse({
  email: values.email ?? "",
  name: values.name ?? values.email?.split("@")[0] ?? "",
  role: (values.role ?? "").toUpperCase(),
  password,
});
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`✗ ${issue.path.join(".") || "input"}: ${issue.message}`);
  console.error('Usage: npm run user:create -- --email a@b.org --name "A. Person" --role ADMIN|EDITOR|REVIEWER [--password …]');
  process.exit(1);
}
console.log(`Database: ${describeDatabase()}`);
try {
  const user = await createUser("cli", parsed.data);
  console.log(`Created ${user.role.toLowerCase()} ${user.email} (${user.name}).`);
  if (generated) console.log(`Password (shown once): ${password}`);
  process.exit(0);
} catch (error) {
  console.error(`✗ ${error instanceof AppError ? error.message : String(error)}`);
  process.exit(1);
}

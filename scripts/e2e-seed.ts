/** Seeds the e2e database (see e2e/global-setup.ts). Refuses anything but a local throwaway database. */
import { writeFileSync } from "node:fs";
import { importDemoArticles } from "@/lib/server/seed/seed-demo";
import { makeUser, TEST_PASSWORD } from "@/lib/server/testing/factories";

const url = process.env.DATABASE_URL ?? "";
if (!/^file:\.\/prisma\/data\/e2e[\w-]*\.db$/.test(url)) {
  console.error(`Refusing to seed e2e data into ${url || "(unset)"}: only file:./prisma/data/e2e*.db is allowed.`);
  process.exit(1);
}

const admin = await makeUser("ADMIN", "Alex Admin");
const editor = await makeUser("EDITOR", "Eva Editor");
const editor2 = await makeUser("EDITOR", "Otto Editor");
const reviewer = await makeUser("REVIEWER", "Rita Reviewer");
const reviewer2 = await makeUser("REVIEWER", "Ravi Reviewer");
// Turns on two-factor sign-in in e2e/13-security.spec.ts; no other spec signs in as them.
const mfa = await makeUser("REVIEWER", "Mona Factor");
const articles = await importDemoArticles(editor);
const fixtures = { password: TEST_PASSWORD, users: { admin, editor, editor2, reviewer, reviewer2, mfa }, articles };
writeFileSync("prisma/data/e2e-fixtures.json", JSON.stringify(fixtures, null, 2));
console.log("e2e desk seeded");
process.exit(0);

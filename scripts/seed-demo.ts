/** Loads the demo desk into the CLI's database (scripts/lib/cli-database.ts), only if it is empty. */
import "./lib/use-cli-database";
import { seedDemo } from "@/lib/server/seed/seed-demo";

const seeded = await seedDemo((line) => console.log(`  ${line}`));
console.log(seeded ? "  Demo data loaded." : "  The database already has data; keeping it.");
process.exit(0);

/** Loads the demo desk into the database named by DATABASE_URL (only if it is empty). */
import { seedDemo } from "@/lib/server/seed/seed-demo";

const seeded = await seedDemo((line) => console.log(`  ${line}`));
console.log(seeded ? "  Demo data loaded." : "  The database already has data; keeping it.");
process.exit(0);

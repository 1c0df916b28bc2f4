import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Role } from "@/lib/domain/roles";

/** Demo accounts exist only in demo mode (npm run demo), which prints them. */
export const DEMO_ACCOUNTS: { email: string; name: string; role: Role; password: string }[] = [
  { email: "admin@demo.claimledger.test", name: "Ada Admin", role: "ADMIN", password: "demo-admin-2026" },
  { email: "editor@demo.claimledger.test", name: "Eddie Editor", role: "EDITOR", password: "demo-editor-2026" },
  { email: "editor2@demo.claimledger.test", name: "Erin Editor", role: "EDITOR", password: "demo-editor-2026" },
  { email: "riley@demo.claimledger.test", name: "Riley Reviewer", role: "REVIEWER", password: "demo-reviewer-2026" },
  { email: "sam@demo.claimledger.test", name: "Sam Reviewer", role: "REVIEWER", password: "demo-reviewer-2026" },
];

export interface DemoArticle {
  file: string;
  title: string;
  outlet: string;
  author?: string;
  url?: string;
  publishedAt: string;
}

/** The two demo articles (prisma/seed/articles/): the same Pentagon/ATACMS story told by two outlets. */
export const DEMO_ARTICLES: DemoArticle[] = [
  {
    file: "000_a04bcc9c32dccfc7.txt",
    title: "Pentagon blocks Ukraine's long-range ATACMS strikes inside Russia",
    outlet: "Analysis (outlet not named in the source file)",
    publishedAt: "2025-08-24",
  },
  {
    file: "003_bd337583015ffe6b.txt",
    title: "Pentagon exposes Ukraine’s dependence by blocking use of US missiles against Russia",
    outlet: "The Eastern Herald",
    author: "Russia Desk",
    publishedAt: "2025-08-24",
  },
];

export function readDemoArticle(file: string): string {
  return readFileSync(path.join(process.cwd(), "prisma", "seed", "articles", file), "utf8");
}

/**
 * Demo fact-checks taken through review, approval and publication, so the public site (/fact-checks)
 * is not empty on first run. Their evidence is a marked placeholder, never a real source.
 */
export const DEMO_PUBLISHED: { phrase: string; reviewer: string; rating: string; rationale: string; evidence: string }[] = [
  {
    phrase: "Reuters reported that the Pentagon has",
    reviewer: "sam@demo.claimledger.test",
    rating: "MOSTLY_TRUE",
    rationale:
      "Demo rationale: the article attributes the report to **Reuters** on the date given; the blocking is described by unnamed officials, so the claim is reported accurately but not independently confirmed.",
    evidence: "Placeholder for the Reuters report of 24 August 2025 on restrictions of ATACMS use.",
  },
  {
    phrase: "Storm Shadow and SCALP",
    reviewer: "riley@demo.claimledger.test",
    rating: "HALF_TRUE",
    rationale:
      "Demo rationale: Britain and France did supply Storm Shadow/SCALP, but their use depending on **US approval** is one reading of the targeting-data arrangement, not an established rule.",
    evidence: "Placeholder for official statements on Storm Shadow/SCALP deliveries and their conditions of use.",
  },
];

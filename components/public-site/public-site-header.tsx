import Link from "next/link";
import { UserText } from "@/components/user-text";
import { plainCssColor } from "@/lib/domain/css-color";

/** The public site's header: the desk's name and the public pages (no desk navigation, no session). */
export function PublicSiteHeader({ deskName }: { deskName: string }) {
  return (
    <header className="app-header public-header">
      <Link href="/fact-checks" className="brand">
        <UserText>{deskName}</UserText>
      </Link>
      <nav aria-label="Fact-checks">
        <Link href="/fact-checks">Fact-checks</Link>
        <Link href="/fact-checks/corrections-policy">Corrections policy</Link>
        <a href="/fact-checks/feed.atom">Atom feed</a>
        <a href="/fact-checks/claimreview.json">ClaimReview feed</a>
      </nav>
    </header>
  );
}

/** A verdict's label in the scale's colour (public pages have the colour, not the whole scale). */
export function PublicVerdict({ label, color }: { label: string; color: string | null }) {
  return (
    <span className="verdict-label" style={{ background: plainCssColor(color) }} data-testid="public-verdict">
      {label}
    </span>
  );
}

import Link from "next/link";
import type { Role } from "@/lib/domain/roles";
import { ROLE_LABELS } from "@/lib/domain/roles";
import { SignOutButton } from "./sign-out-button";

export function AppHeader({ user }: { user: { name: string; role: Role } | null }) {
  const editor = user?.role === "EDITOR" || user?.role === "ADMIN";
  return (
    <header className="app-header">
      <Link href="/" className="brand">
        ClaimLedger
      </Link>
      <nav aria-label="Main">
        {user && <Link href="/claims">{editor ? "All claims" : "My claims"}</Link>}
        {user && <Link href="/articles">Articles</Link>}
        {editor && <Link href="/articles/new">Import article</Link>}
        {user && <Link href="/reports">Reports</Link>}
        {user?.role === "ADMIN" && <Link href="/admin/desk">Desk</Link>}
      </nav>
      {user && (
        <>
          <span className="who">
            {user.name} · {ROLE_LABELS[user.role]}
          </span>
          <SignOutButton />
        </>
      )}
    </header>
  );
}

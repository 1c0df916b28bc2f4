import Link from "next/link";
import type { Role } from "@/lib/domain/roles";
import { ROLE_LABELS } from "@/lib/domain/roles";
import { SignOutButton } from "./sign-out-button";

export function AppHeader({ user, unreadCount = 0 }: { user: { name: string; role: Role } | null; unreadCount?: number }) {
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
        {editor && <Link href="/dashboard/agreement">Agreement</Link>}
      </nav>
      {user && (
        <>
          <Link
            href="/notifications"
            className="bell"
            data-testid="notification-bell"
            aria-label={unreadCount > 0 ? `Notifications, ${unreadCount} unread` : "Notifications"}
          >
            <span aria-hidden="true">🔔</span>
            {unreadCount > 0 && (
              <span className="count" data-testid="unread-count">
                {unreadCount > 99 ? "99+" : unreadCount}
              </span>
            )}
          </Link>
          <span className="who">
            {user.name} · {ROLE_LABELS[user.role]}
          </span>
          <SignOutButton />
        </>
      )}
    </header>
  );
}

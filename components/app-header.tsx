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
        {user && <Link href="/stories">Stories</Link>}
        {editor && <Link href="/articles/new">Import article</Link>}
        {editor && <Link href="/dashboard">Dashboard</Link>}
        {editor && <Link href="/workload">Workload</Link>}
        {editor && <Link href="/activity">Activity</Link>}
        {user?.role === "REVIEWER" && <Link href="/pool">Pool</Link>}
        {user && <Link href="/reports">Reports</Link>}
        {user?.role === "ADMIN" && <Link href="/admin/settings">Settings</Link>}
        {user?.role === "ADMIN" && <Link href="/admin/tokens">API tokens</Link>}
        {user?.role === "ADMIN" && <Link href="/admin/users">Users</Link>}
      </nav>
      {user && (
        <>
          <Link
            href="/notifications"
            className="bell"
            data-testid="notification-bell"
            aria-label={unreadCount > 0 ? `Notifications, ${unreadCount} unread` : "Notifications"}
          >
            <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
              <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
              <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
            </svg>
            {unreadCount > 0 && (
              <span className="count" data-testid="unread-count">
                {unreadCount > 99 ? "99+" : unreadCount}
              </span>
            )}
          </Link>
          <Link href="/account" className="who" title="Your account">
            {user.name} · {ROLE_LABELS[user.role]}
          </Link>
          <SignOutButton />
        </>
      )}
    </header>
  );
}

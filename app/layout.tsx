import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { PasswordChangeRequired } from "@/components/password-change-required";
import { PUBLIC_SITE_HEADER } from "@/lib/domain/public-fact-check";
import { getCurrentUser } from "@/lib/server/auth";
import { countUnreadNotifications } from "@/lib/server/notifications";
import { changeOwnPasswordAction } from "./account/actions";
import "./globals.css";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "ClaimLedger", template: "%s · ClaimLedger" },
  description: "Fact-check review workflow",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The public fact-check site is the same for everyone: no session read, no desk navigation.
  if ((await headers()).get(PUBLIC_SITE_HEADER) === "1") {
    return (
      <html lang="en">
        <body className="public-site">
          <main>{children}</main>
        </body>
      </html>
    );
  }
  const user = await getCurrentUser();
  const unreadCount = user ? await countUnreadNotifications(user) : 0;
  return (
    <html lang="en">
      <body>
        <AppHeader user={user ? { name: user.name, role: user.role } : null} unreadCount={unreadCount} />
        <main>{user?.mustChangePassword ? <PasswordChangeRequired action={changeOwnPasswordAction} /> : children}</main>
      </body>
    </html>
  );
}

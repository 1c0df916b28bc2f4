import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { PasswordChangeRequired } from "@/components/password-change-required";
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

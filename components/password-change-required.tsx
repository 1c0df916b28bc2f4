import type { FormAction } from "@/lib/validation/action-state";
import { OwnPasswordForm } from "./account-forms";

/** Shown instead of every page while the signed-in user is still on a one-time password. */
export function PasswordChangeRequired({ action }: { action: FormAction }) {
  return (
    <section className="panel" aria-label="Choose your password" data-testid="password-change-required">
      <h1>Choose your password</h1>
      <p>You signed in with a one-time password. Choose your own password to continue; then sign in again with it.</p>
      <OwnPasswordForm action={action} />
    </section>
  );
}

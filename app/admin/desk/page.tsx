import { redirect } from "next/navigation";

/** The desk's name and address moved to the one settings page; old links still land there. */
export default function DeskSettingsPage() {
  redirect("/admin/settings");
}

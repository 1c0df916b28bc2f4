import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/server/auth";

export default async function HomePage() {
  const user = await getCurrentUser();
  redirect(user ? "/claims" : "/login");
}

import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { ImportForm } from "@/components/article/import-form";
import { getCurrentUser } from "@/lib/server/auth";
import { isEditor } from "@/lib/server/permissions";
import { importArticleAction, previewFileAction, previewUrlAction } from "./actions";

export const metadata: Metadata = { title: "Import an article" };

export default async function NewArticlePage() {
  const actor = await getCurrentUser();
  if (!actor) redirect("/login?callbackUrl=/articles/new");
  if (!isEditor(actor)) notFound();
  return (
    <>
      <h1>Import an article</h1>
      <p className="muted">
        The text is saved as an immutable snapshot (with its SHA-256); importing the same text again opens the existing article. Check-worthy
        claims are suggested on import.
      </p>
      <section className="panel">
        <ImportForm importAction={importArticleAction} previewUrlAction={previewUrlAction} previewFileAction={previewFileAction} />
      </section>
    </>
  );
}

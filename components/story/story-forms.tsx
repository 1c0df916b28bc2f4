"use client";

import { useState } from "react";
import type { ActionState, FormAction } from "@/lib/validation/action-state";
import { ActionForm } from "../action-form";
import { FieldError, invalidProps, keptValue } from "../form-message";

type ArticleOption = { id: string; title: string; outlet: string };

/**
 * Ticks articles; the form sends them as one comma-separated `articleIds` field (the form reader keeps
 * one value per name). The ticks survive a refused save through the answer's kept values.
 */
function ArticlePicker({ state, articles, legend, testId }: { state: ActionState; articles: ArticleOption[]; legend: string; testId: string }) {
  const [chosen, setChosen] = useState<string[]>(() => keptValue(state, "articleIds").split(",").filter(Boolean));
  const toggle = (id: string, on: boolean) => setChosen((now) => (on ? [...now.filter((x) => x !== id), id] : now.filter((x) => x !== id)));
  return (
    <fieldset data-testid={testId} {...invalidProps(state, "articleIds")}>
      <legend>{legend}</legend>
      <input type="hidden" name="articleIds" value={chosen.join(",")} />
      {articles.length === 0 && <p className="muted">No articles to choose from.</p>}
      {articles.map((a) => (
        <label key={a.id} className="row">
          <input type="checkbox" checked={chosen.includes(a.id)} onChange={(e) => toggle(a.id, e.target.checked)} data-testid={`pick-${a.id}`} />
          <span>
            {a.title} <span className="muted">— {a.outlet}</span>
          </span>
        </label>
      ))}
      <FieldError state={state} name="articleIds" />
    </fieldset>
  );
}

/** An editor makes a story by hand: a title and the articles (in no story yet) it starts with. */
export function CreateStoryForm({ action, articles }: { action: FormAction; articles: ArticleOption[] }) {
  return (
    <ActionForm action={action} hidden={{}} submitLabel="Make story" testId="create-story-form">
      {(state) => (
        <>
          <label>
            Title
            <input name="title" defaultValue={keptValue(state, "title")} {...invalidProps(state, "title")} />
          </label>
          <FieldError state={state} name="title" />
          <ArticlePicker state={state} articles={articles} legend="Articles (not in a story yet)" testId="create-story-articles" />
        </>
      )}
    </ActionForm>
  );
}

/** An editor splits a story: the ticked articles leave it, into a new story or out of any story. */
export function SplitStoryForm({ action, storyId, version, articles }: { action: FormAction; storyId: string; version: number; articles: ArticleOption[] }) {
  return (
    <ActionForm action={action} hidden={{ storyId, expectedVersion: version }} submitLabel="Split" submitClass="secondary" testId="split-story-form">
      {(state) => {
        const into = keptValue(state, "into", "NEW");
        return (
          <>
            <ArticlePicker state={state} articles={articles} legend="Articles that leave this story" testId="split-story-articles" />
            <fieldset>
              <legend>They go</legend>
              <label className="row">
                <input type="radio" name="into" value="NEW" defaultChecked={into === "NEW"} /> into a new story
              </label>
              <label className="row">
                <input type="radio" name="into" value="NONE" defaultChecked={into === "NONE"} /> out of any story
              </label>
              <FieldError state={state} name="into" />
            </fieldset>
            <label>
              Title of the new story (optional: else the first article&apos;s title)
              <input name="title" defaultValue={keptValue(state, "title")} {...invalidProps(state, "title")} />
            </label>
            <FieldError state={state} name="title" />
          </>
        );
      }}
    </ActionForm>
  );
}

/** An editor adds an article that is in no story yet. */
export function AddStoryArticleForm({ action, storyId, version, articles }: { action: FormAction; storyId: string; version: number; articles: ArticleOption[] }) {
  return (
    <ActionForm action={action} hidden={{ storyId, expectedVersion: version }} submitLabel="Add article" submitClass="secondary" testId="add-story-article-form">
      {(state) => (
        <>
          <label>
            Article (not in a story yet)
            <select name="articleId" defaultValue={keptValue(state, "articleId")} {...invalidProps(state, "articleId")}>
              <option value="">Choose an article…</option>
              {articles.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.title} — {a.outlet}
                </option>
              ))}
            </select>
          </label>
          <FieldError state={state} name="articleId" />
        </>
      )}
    </ActionForm>
  );
}

/** An editor renames a story. */
export function RenameStoryForm({ action, storyId, version, title }: { action: FormAction; storyId: string; version: number; title: string }) {
  return (
    <ActionForm action={action} hidden={{ storyId, expectedVersion: version }} submitLabel="Rename" submitClass="secondary" testId="rename-story-form" inline>
      {(state) => (
        <>
          <label>
            Title <input name="title" defaultValue={keptValue(state, "title", title)} {...invalidProps(state, "title")} />
          </label>
          <FieldError state={state} name="title" />
        </>
      )}
    </ActionForm>
  );
}

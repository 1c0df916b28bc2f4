import "server-only";
import { z } from "zod";
import type { PublicSiteSettingsInput } from "@/lib/validation/public-site";
import { getDb, type Db, type Tx } from "../db";
import { assertAdmin, type Actor } from "../permissions";
import { readSetting, saveSetting, type SettingKind } from "../settings";

/** The public fact-check site's settings, one JSON value in the Setting table (key "publicSite"). */
export interface PublicSiteSettings {
  /** Base URL of the public site (ClaimReview `url`s, feeds); null = the app's own origin. */
  baseUrl: string | null;
  /** Show who reviewed and approved a fact-check on its public page (off by default). */
  showReviewerNames: boolean;
  /** The desk's corrections policy, Markdown, shown at /fact-checks/corrections-policy. */
  correctionsPolicy: string;
  /** 0 until an admin saves these settings for the first time. */
  version: number;
}

const PUBLIC_SITE: SettingKind<Omit<PublicSiteSettings, "version">> = {
  key: "publicSite",
  schema: z.object({ baseUrl: z.string().nullable(), showReviewerNames: z.boolean(), correctionsPolicy: z.string() }),
  fallback: { baseUrl: null, showReviewerNames: false, correctionsPolicy: "" },
  audited: (value) => ({ baseUrl: value.baseUrl, showReviewerNames: value.showReviewerNames, correctionsPolicyChars: [...value.correctionsPolicy].length }),
};

/** The public site's settings (nothing secret: every visitor sees their effect). */
export async function getPublicSiteSettings(db?: Db | Tx): Promise<PublicSiteSettings> {
  const { value, version } = await readSetting(db ?? (await getDb()), PUBLIC_SITE);
  return { ...value, version };
}

/** The settings as the admin's settings page shows them. Throws FORBIDDEN for non-admins. */
export async function readPublicSiteSettings(actor: Actor): Promise<PublicSiteSettings> {
  assertAdmin(actor, "see desk settings");
  return getPublicSiteSettings();
}

/** An admin saves the public site's settings (version-checked, audited as "setting.update"). */
export async function savePublicSiteSettings(actor: Actor, input: PublicSiteSettingsInput): Promise<PublicSiteSettings> {
  const { value, version } = await saveSetting(actor, PUBLIC_SITE, input.expectedVersion, {
    baseUrl: input.baseUrl ?? null,
    showReviewerNames: input.showReviewerNames,
    correctionsPolicy: input.correctionsPolicy,
  });
  return { ...value, version };
}

/**
 * The public site's base URL: the admin's setting, else `appOrigin` (the app's own origin, e.g.
 * NEXTAUTH_URL or the request's origin).
 */
export async function resolvePublicBaseUrl(appOrigin: string, db?: Db | Tx): Promise<string> {
  const settings = await getPublicSiteSettings(db);
  return settings.baseUrl ?? appOrigin;
}

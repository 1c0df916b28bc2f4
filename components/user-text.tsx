import "@fontsource/noto-sans-arabic/400.css";
import "@fontsource/noto-sans-arabic/700.css";
import "@fontsource/noto-sans-hebrew/400.css";
import "@fontsource/noto-sans-hebrew/700.css";
import "@fontsource/noto-sans-devanagari/400.css";
import "@fontsource/noto-sans-devanagari/700.css";
import "@fontsource/noto-sans-thai/400.css";
import "@fontsource/noto-sans-thai/700.css";
import "@fontsource/noto-sans-sc/400.css";
import "@fontsource/noto-sans-sc/700.css";
import "@fontsource/noto-sans-kr/400.css";
import "@fontsource/noto-sans-kr/700.css";
import "@fontsource/noto-emoji/400.css";

/**
 * User text in every script (issue 16), shared by the printable report and the public fact-check
 * pages. Importing this module brings the Noto fallback fonts of the Fontsource packages (served by
 * the app, one file per Unicode range, fetched only when a character needs it); a page puts
 * {@link ANY_SCRIPT_CLASS} on its container to get the fallback font stack, wrapping of long unbroken
 * words and URLs, and rationale paragraphs that each take their own direction (app/globals.css).
 */
export const ANY_SCRIPT_CLASS = "any-script";

/**
 * User text (claims, names, titles) in a bidi isolate: its direction comes from its own first strong
 * character, and a right-to-left phrase cannot reorder the label or punctuation around it.
 */
export function UserText({ children }: { children: string | null | undefined }) {
  return <bdi>{children}</bdi>;
}

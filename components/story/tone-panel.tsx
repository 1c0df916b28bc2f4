import type { LexiconInfo, StoryComparison } from "@/lib/domain/story/types";
import { formatShare, loadedWordCounts } from "@/lib/domain/story/tone-summary";
import { segmentText } from "@/lib/domain/text-span";
import { ANY_SCRIPT_CLASS, UserText } from "../user-text";

/** The lexicon's name, version, licence and source, linked. */
export function LexiconNote({ lexicon }: { lexicon: LexiconInfo }) {
  return (
    <p className="muted" data-testid="tone-lexicon">
      Lexicon: <strong>{lexicon.name}</strong> {lexicon.version} ({lexicon.license}) — source: <a href={lexicon.url}>{lexicon.source}</a>
    </p>
  );
}

/**
 * Tone, a reading aid and never a verdict: per article, the share of its words found in the
 * sentiment lexicon (loaded ÷ words), its distinct loaded words (strongest first), and the article text with
 * every loaded word marked. The lexicon and its source are named.
 */
export function TonePanel({ comparison }: { comparison: Pick<StoryComparison, "articles" | "tone" | "lexicon"> }) {
  return (
    <div data-testid="tone">
      <p className="notice">
        A reading aid, not a verdict: the share of each article&apos;s words that the lexicon scores as evaluative or loaded. Framing depends on context a word list
        cannot see.
      </p>
      <LexiconNote lexicon={comparison.lexicon} />
      <div className="grid-2 story-columns">
        {comparison.tone.map((figure) => {
          const article = comparison.articles.find((a) => a.id === figure.articleId);
          const words = loadedWordCounts(figure.highlights);
          return (
            <section key={figure.articleId} className="panel" data-testid="tone-figure" data-article-id={figure.articleId} aria-label={`Tone of ${figure.outlet}`}>
              <h3>
                <UserText>{figure.outlet}</UserText>
              </h3>
              <p className="figure" data-testid="tone-share">
                {formatShare(figure.share)}
              </p>
              <p className="muted">
                {figure.loaded} loaded of {figure.words} words
              </p>
              {words.length > 0 ? (
                <p className="tone-words" data-testid="tone-words">
                  {words.map((w) => (
                    <mark key={w.word} title={`lexicon score ${w.score}`}>
                      {w.word}
                      {w.count > 1 ? ` ×${w.count}` : ""}
                    </mark>
                  ))}
                </p>
              ) : (
                <p className="muted">No loaded words found.</p>
              )}
              {article && figure.highlights.length > 0 && (
                <details>
                  <summary>Read the article with its loaded words marked</summary>
                  <div className={`article-text ${ANY_SCRIPT_CLASS}`}>
                    {segmentText(article.text, figure.highlights).map((s, i) =>
                      s.spanIndex === null ? (
                        <span key={i}>{s.text}</span>
                      ) : (
                        <mark key={i} title={`lexicon score ${figure.highlights[s.spanIndex]?.score ?? ""}`}>
                          {s.text}
                        </mark>
                      ),
                    )}
                  </div>
                </details>
              )}
            </section>
          );
        })}
      </div>
    </div>
  );
}

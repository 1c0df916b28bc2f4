"use client";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="panel">
      <h1>Something went wrong</h1>
      <p>This page could not be shown. If you were saving something, reload to see whether it was saved before trying again.</p>
      <button type="button" onClick={reset}>
        Try again
      </button>
    </div>
  );
}

"use client";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="panel">
      <h1>Something went wrong</h1>
      <p>Nothing was changed. Please try again.</p>
      <button type="button" onClick={reset}>
        Try again
      </button>
    </div>
  );
}

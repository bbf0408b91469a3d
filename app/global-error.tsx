'use client';

// Last resort when the root layout itself fails (no providers, no translations available).
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', padding: '4rem 1rem', textAlign: 'center' }}>
        <main>
          <h1>Something went wrong · Что-то пошло не так</h1>
          <p>Lectern could not render this page. Please try again in a moment.</p>
          <button type="button" onClick={reset}>
            Try again · Повторить
          </button>
        </main>
      </body>
    </html>
  );
}

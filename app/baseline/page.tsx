// A static page used by `npm run bench` as the same-build baseline for request rates.
export const dynamic = 'force-static';

export default function BaselinePage() {
  return (
    <main id="main" className="p-8">
      <h1>Baseline</h1>
    </main>
  );
}

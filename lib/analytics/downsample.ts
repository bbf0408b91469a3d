// Largest-Triangle-Three-Buckets (Steinarsson 2013): keeps the points that shape a line chart, so a
// 2-hour curve drawn from 7,200 seconds still shows its peaks and cliffs with 1,000 points. Written
// here rather than taken from npm: the maintained packages target arrays of {x, y} objects of one
// shape, and this is 30 lines over indices that every caller maps to its own point type.

/** Indices of at most `threshold` points of the series y(0…n−1) chosen by LTTB (first and last kept). */
export function lttbIndices(y: ArrayLike<number>, threshold = 1000): number[] {
  const n = y.length;
  if (threshold >= n || threshold < 3) return Array.from({ length: n }, (_, i) => i);
  const out = [0];
  const every = (n - 2) / (threshold - 2);
  let a = 0;
  for (let i = 0; i < threshold - 2; i++) {
    // The average of the next bucket is the third corner of the triangles.
    const nextStart = Math.floor((i + 1) * every) + 1;
    const nextEnd = Math.min(n, Math.floor((i + 2) * every) + 1);
    let avgX = 0;
    let avgY = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      avgX += j;
      avgY += y[j]!;
    }
    const len = Math.max(1, nextEnd - nextStart);
    avgX /= len;
    avgY /= len;
    const start = Math.floor(i * every) + 1;
    const end = Math.floor((i + 1) * every) + 1;
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      const area = Math.abs((a - avgX) * (y[j]! - y[a]!) - (a - j) * (avgY - y[a]!));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    out.push(best);
    a = best;
  }
  out.push(n - 1);
  return out;
}

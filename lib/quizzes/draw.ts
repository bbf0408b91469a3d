import type { QuestionType } from '@/db/schema/assessments';

// Which questions an attempt shows and in what order, and the order of each question's options.
// The RNG is injected so tests are deterministic; production uses Math.random.

export type Rng = () => number;

/** A small seeded PRNG (mulberry32) for tests and reproducible draws. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates on a copy. */
export function shuffle<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export type DrawSettings = { poolSize: number | null; shuffleQuestions: boolean; shuffleOptions: boolean };
export type DrawQuestion = { id: string; type: QuestionType; optionIds?: string[]; itemIds?: string[]; pairIds?: string[] };

/**
 * Draws N of M questions (a pool: N random ones, kept in authoring order unless shuffled) and fixes
 * per-question orders: options when shuffling options, ordering items always (their authored order
 * is the answer), matching right sides always (their authored order would pair them with the left).
 */
export function drawAttempt(questions: readonly DrawQuestion[], settings: DrawSettings, rng: Rng = Math.random) {
  let picked = [...questions];
  if (settings.poolSize !== null && settings.poolSize < questions.length) {
    const chosen = new Set(shuffle(questions.map((q) => q.id), rng).slice(0, settings.poolSize));
    picked = questions.filter((q) => chosen.has(q.id));
  }
  if (settings.shuffleQuestions) picked = shuffle(picked, rng);
  const optionOrder: Record<string, string[]> = {};
  for (const q of picked) {
    if ((q.type === 'single' || q.type === 'multiple') && settings.shuffleOptions && q.optionIds) optionOrder[q.id] = shuffle(q.optionIds, rng);
    if (q.type === 'ordering' && q.itemIds) optionOrder[q.id] = shuffleAway(q.itemIds, rng);
    if (q.type === 'matching' && q.pairIds) optionOrder[q.id] = shuffle(q.pairIds, rng);
  }
  return { questionIds: picked.map((q) => q.id), optionOrder };
}

/** A shuffle that is not the original order when there are at least two items (the order is the answer). */
export function shuffleAway<T>(items: readonly T[], rng: Rng): T[] {
  if (items.length < 2) return [...items];
  for (let i = 0; i < 5; i++) {
    const s = shuffle(items, rng);
    if (s.some((x, k) => x !== items[k])) return s;
  }
  return [...items.slice(1), items[0]!];
}

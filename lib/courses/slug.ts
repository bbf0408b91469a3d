import { SLUG_MAX } from '@/lib/course-constants';

// Pure slug rules, unit-tested; the uniqueness check against the database lives in slug-allocation.ts.

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Used when a title has no letters or digits that survive transliteration (e.g. only emoji or CJK). */
export const FALLBACK_SLUG = 'course';

// Russian, Ukrainian and Kazakh Cyrillic → Latin, close to the common passport-style romanization.
const cyrillic: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n',
  о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '',
  э: 'e', ю: 'yu', я: 'ya',
  і: 'i', ї: 'yi', є: 'ye', ґ: 'g',
  ә: 'a', ғ: 'g', қ: 'q', ң: 'n', ө: 'o', ұ: 'u', ү: 'u', һ: 'h',
};

const others: Record<string, string> = { ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', đ: 'd', ł: 'l', þ: 'th', ı: 'i', '&': ' and ' };

/** Lower-case Latin letters and digits: Cyrillic transliterated, accents dropped (é → e). */
export function transliterate(text: string): string {
  return [...text.toLowerCase()]
    .map((ch) => cyrillic[ch] ?? others[ch] ?? ch)
    .join('')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** Cuts a slug to `max` characters without leaving a trailing hyphen. */
function cut(slug: string, max: number): string {
  return slug.slice(0, max).replace(/-+$/, '');
}

/** The base slug for a title (not yet checked for uniqueness): `Основы Python 3` → `osnovy-python-3`. */
export function slugify(title: string, max = SLUG_MAX): string {
  const slug = transliterate(title)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return cut(slug, max) || FALLBACK_SLUG;
}

/** The n-th candidate for a base slug: n = 1 is the base itself, then `base-2`, `base-3`… always ≤ SLUG_MAX. */
export function slugCandidate(base: string, n: number): string {
  if (n <= 1) return cut(base, SLUG_MAX);
  const suffix = `-${n}`;
  return `${cut(base, SLUG_MAX - suffix.length)}${suffix}`;
}

/** The first candidate for `base` that is not in `taken`. */
export function firstFreeSlug(base: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const candidate = slugCandidate(base, n);
    if (!taken.has(candidate)) return candidate;
  }
}

export function isValidSlug(slug: string): boolean {
  return slug.length <= SLUG_MAX && SLUG_PATTERN.test(slug);
}

// Pure display helpers for course durations, shared by server pages and client components.

/** Whole hours and minutes, rounding up to the next minute so a 20-second lesson is "1 min", not "0 min". */
export function splitDuration(seconds: number): { hours: number; minutes: number } {
  const total = Math.max(0, Math.ceil(seconds / 60));
  return { hours: Math.floor(total / 60), minutes: total % 60 };
}

type DurationT = (key: 'durationHoursMinutes' | 'durationMinutes', values: { hours?: number; minutes: number }) => string;

/** "1 h 5 min" or "45 min" through the catalog messages; null for an unknown (or zero) duration. */
export function formatDuration(t: DurationT, seconds: number | null | undefined): string | null {
  if (!seconds || seconds <= 0) return null;
  const { hours, minutes } = splitDuration(seconds);
  return hours ? t('durationHoursMinutes', { hours, minutes }) : t('durationMinutes', { minutes });
}

/** The English-or-Russian name of a language code ("en" → "English"), or the code itself. */
export function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

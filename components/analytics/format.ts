// Number and date formatting of the dashboards, shared by server components (getFormatter) and
// client ones (useFormatter), so a figure reads the same in a card, a table and a CSV-free tooltip.

/** The intro of every video (video.md §6 #11: intro retention is R(30)). */
export const INTRO_SECONDS = 30;

export type ValueFormat = 'int' | 'dec' | 'pct' | 'hours' | 'seconds' | 'clock' | 'ms' | 'bytes' | 'day' | 'month' | 'text';

type Formatter = {
  number(value: number, options?: Intl.NumberFormatOptions): string;
  dateTime(value: Date, options?: Intl.DateTimeFormatOptions): string;
};

/** m:ss or h:mm:ss of a position in a video. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** An analytics day (YYYY-MM-DD) as a date: the day itself, whatever the reader's zone. */
export const dayDate = (day: string) => new Date(`${day}T00:00:00Z`);

const unit = (f: Formatter, v: number, u: string, digits = 1) => f.number(v, { style: 'unit', unit: u, unitDisplay: 'short', maximumFractionDigits: digits });

export function formatValue(f: Formatter, kind: ValueFormat, v: string | number | null | undefined): string {
  if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return '—';
  if (typeof v === 'string') {
    if (kind === 'day') return f.dateTime(dayDate(v), { timeZone: 'UTC', dateStyle: 'medium' });
    // A month (YYYY-MM); any other text in a month column (e.g. "Not enrolled") is shown as it is.
    if (kind === 'month' && /^\d{4}-\d{2}$/.test(v)) return f.dateTime(dayDate(`${v}-01`), { timeZone: 'UTC', year: 'numeric', month: 'long' });
    return v;
  }
  switch (kind) {
    case 'int':
      return f.number(Math.round(v));
    case 'dec':
      return f.number(v, { maximumFractionDigits: 2 });
    case 'pct':
      return f.number(v, { style: 'percent', maximumFractionDigits: 1 });
    case 'hours':
      return unit(f, v, 'hour', v !== 0 && Math.abs(v) < 10 ? 2 : 1);
    case 'seconds':
      return v < 90 ? unit(f, v, 'second', 0) : v < 5400 ? unit(f, v / 60, 'minute') : unit(f, v / 3600, 'hour');
    case 'ms':
      return unit(f, v, 'millisecond', 0);
    case 'bytes': {
      const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'];
      let i = 0;
      let n = v;
      while (n >= 1000 && i < units.length - 1) {
        n /= 1000;
        i++;
      }
      return unit(f, n, units[i]!);
    }
    case 'clock':
      return clock(v);
    default:
      return String(v);
  }
}

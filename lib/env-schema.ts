import { z } from 'zod';

// Configuration schema; lib/env.ts applies it to process.env once at start.
const boolish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

// During `next build` no database or secret exists yet; placeholders keep module evaluation working.
const makeSchema = (isBuild: boolean) =>
  z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: isBuild
      ? z.string().default('postgres://build-time-placeholder/lectern')
      : z
          .string({ error: 'is required (a postgres:// URL); `npm start` sets it for the embedded server' })
          .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL'),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    AUTH_SECRET: isBuild
      ? z.string().default('build-time-placeholder-secret-not-used-at-runtime')
      : z.string({ error: 'is required (32+ random characters); `npm start` generates one' }).min(32, 'must be at least 32 characters'),
    APP_URL: z.url('must be an absolute URL such as http://localhost:3000').default('http://localhost:3000'),
    LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
    LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    SETUP_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    AUTH_GITHUB_ID: z.string().optional(),
    AUTH_GITHUB_SECRET: z.string().optional(),
    AUTH_GOOGLE_ID: z.string().optional(),
    AUTH_GOOGLE_SECRET: z.string().optional(),
    SIGNIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
    SIGNIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(30),
    SECURE_COOKIES: boolish.optional(),
    // Object storage (S3 or compatible). All optional: without S3_BUCKET, storage features report
    // "not configured". `npm start` runs an embedded S3 server and sets these when S3_ENDPOINT is unset.
    S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL such as http://127.0.0.1:54330' }).optional(),
    S3_PUBLIC_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL that browsers can reach, such as https://media.example.com' }).optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),
    S3_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name (3–63 lowercase letters, digits, dots, hyphens)')
      .optional(),
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
    S3_FORCE_PATH_STYLE: boolish.default(false),
    // Video uploads and processing.
    VIDEO_MAX_BYTES: z.coerce.number().int().min(1024 * 1024, 'must be at least 1 MiB (1048576)').default(5 * 1024 ** 3),
    VIDEO_MAX_CONCURRENT_UPLOADS: z.coerce.number().int().min(1).max(50).default(3),
    FFMPEG_PATH: z.string().optional(),
    FFPROBE_PATH: z.string().optional(),
    // x264 preset of the HLS ladder: slower presets give smaller files for more CPU time.
    VIDEO_X264_PRESET: z.enum(['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium']).default('veryfast'),
    // A processing job whose worker has not written a heartbeat for this long is retried elsewhere.
    WORKER_STALE_SECONDS: z.coerce.number().int().min(5).default(60),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
    // Abort unfinished multipart uploads (and drop their rows) after this many hours.
    UPLOAD_STALE_HOURS: z.coerce.number().int().min(1).default(72),
    // Email for notifications (homework reviewed…); without it notifications are in-app only.
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL such as smtps://user:pass@smtp.example.com:465' }).optional(),
    SMTP_FROM: z.string().min(3).default('Lectern <no-reply@localhost>'),
    // Analytics days (roll-ups, dashboards) are days in this IANA time zone.
    ANALYTICS_TIMEZONE: z
      .string()
      .default('UTC')
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'must be an IANA time zone such as UTC or Europe/Moscow'),
    // Raw watch segments older than this are dropped (whole monthly partitions); roll-ups are kept.
    ANALYTICS_RAW_RETENTION_DAYS: z.coerce.number().int().min(7).max(3650).default(180),
    // Benchmark-only routes (app/api/bench/*: a no-op baseline the beat benchmark compares with).
    // Off in every real deployment; `npm run bench -- beats` sets it for its own throwaway server.
    BENCH_ROUTES: boolish.default(false),
  })
  .superRefine((v, ctx) => {
    for (const p of ['GITHUB', 'GOOGLE'] as const) {
      const id = v[`AUTH_${p}_ID`];
      const secret = v[`AUTH_${p}_SECRET`];
      if (Boolean(id) !== Boolean(secret)) {
        ctx.addIssue({ code: 'custom', path: [`AUTH_${p}_${id ? 'SECRET' : 'ID'}`], message: `must be set together with AUTH_${p}_${id ? 'ID' : 'SECRET'}` });
      }
    }
    if (v.S3_BUCKET) {
      for (const k of ['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
        if (!v[k]) ctx.addIssue({ code: 'custom', path: [k], message: 'is required when S3_BUCKET is set' });
      }
    } else {
      for (const k of ['S3_ENDPOINT', 'S3_PUBLIC_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
        if (v[k]) ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: `is required when ${k} is set` });
      }
    }
  });

export type Env = z.infer<ReturnType<typeof makeSchema>>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "unset" (a common .env habit), not "invalid".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const result = makeSchema(source.NEXT_PHASE === 'phase-production-build').safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}\nSee .env.example for every variable.`);
  }
  return result.data;
}

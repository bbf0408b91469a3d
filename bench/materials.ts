// `npm run bench -- materials [--pages 500] [--documents 10000] [--blocks-per-document 100] [--queries 200]`
// Course materials: (1) extraction of a generated PDF (pdf-lib, --pages pages of 31 lines) with the
// worker's code (lib/materials/extract.ts), text only and with thumbnails, each in a child process
// so its peak RSS is its own; (2) search p95 through lib/materials/search.ts (english + russian FTS,
// ts_rank_cd, ts_headline, typo correction against the course's word list) over --documents documents of
// --blocks-per-document blocks in one course (1M blocks by default), as a ratio to a plain indexed
// lookup of one block by id in the same run. Throwaway PostgreSQL; writes bench/results/materials.json.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startEmbeddedPostgres } from '../scripts/lib/embedded-pg.mjs';
import { root, tsNode } from '../scripts/lib/runtime.mjs';

const step = (msg: string) => console.log(`▶ ${msg}`);
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

const EN = 'algorithm data structure sorting network graph tree matrix vector function variable loop recursion proof theorem lemma integral derivative limit series probability random sample distribution memory cache process thread lock queue stack heap binary search hash table student teacher lecture chapter section figure example exercise answer question problem solution method model system design pattern interface compile running reading writing learning books library energy force mass velocity light wave particle field charge current voltage circuit signal filter frequency phase angle triangle circle square polygon surface volume area length width height weight'.split(' ');
const RU = 'алгоритм данные структура сортировка сеть граф дерево матрица вектор функция переменная цикл рекурсия доказательство теорема лемма интеграл производная предел ряд вероятность выборка распределение память процесс поток очередь стек куча поиск таблица студент преподаватель лекция глава раздел рисунок пример упражнение ответ вопрос задача решение метод модель система книга книги книгой библиотека энергия сила масса скорость свет волна частица поле заряд ток напряжение схема сигнал фильтр частота фаза угол треугольник круг квадрат поверхность объём площадь длина ширина высота'.split(' ');

/** Child mode: extract one file and print JSON (pages/s, peak RSS of this process only). */
async function childExtract(file: string, thumbnails: boolean) {
  const { openPdf } = await import('../lib/materials/extract');
  const started = performance.now();
  const doc = await openPdf(file, { thumbnailWidth: thumbnails ? 200 : undefined });
  let blocks = 0;
  let thumbBytes = 0;
  for await (const p of doc.pages()) {
    blocks += p.blocks.length;
    thumbBytes += p.thumbnail?.length ?? 0;
  }
  await doc.close();
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ pages: doc.pageCount, blocks, seconds, thumbBytes, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

type ExtractRun = { pages: number; blocks: number; seconds: number; thumbBytes: number; maxRssMb: number };

function runChild(file: string, thumbnails: boolean): ExtractRun {
  const r = spawnSync(process.execPath, [...tsNode, path.join(root, 'bench/materials.ts'), '--child', file, ...(thumbnails ? ['--thumbnails'] : [])], { cwd: root, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent' } });
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  if (r.status !== 0 || !line.startsWith('{')) throw new Error(`extraction child failed: ${r.stderr.slice(-2000)}`);
  return JSON.parse(line) as ExtractRun;
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { pages: { type: 'string', default: '500' }, documents: { type: 'string', default: '10000' }, 'blocks-per-document': { type: 'string', default: '100' }, queries: { type: 'string', default: '200' } },
  });
  const pages = Number(values.pages);
  const documents = Number(values.documents);
  const perDoc = Number(values['blocks-per-document']);
  const queries = Number(values.queries);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-bench-materials-'));
  let pg: Awaited<ReturnType<typeof startEmbeddedPostgres>> | null = null;
  try {
    // ── 1. extraction ──
    step(`generating a ${pages}-page PDF (pdf-lib)`);
    const { makeLongPdf } = await import('../lib/materials/testing');
    const file = path.join(tmp, 'long.pdf');
    fs.writeFileSync(file, await makeLongPdf(pages));
    step('extracting text only (child process)');
    const textOnly = runChild(file, false);
    step('extracting text and thumbnails (child process)');
    const withThumbs = runChild(file, true);

    // ── 2. search ──
    step('starting a throwaway PostgreSQL and migrating');
    // Its own temporary folder (as root, the server runs as another user who must own it).
    pg = await startEmbeddedPostgres({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-bench-materials-pg-')), persistent: false, fsync: false });
    const url = await pg.createDatabase('bench_materials');
    process.env.DATABASE_URL = url;
    process.env.LOG_LEVEL = 'silent';
    process.env.AUTH_SECRET ??= 'bench-secret-at-least-32-characters-long-x';
    const { runMigrations } = await import('../db/migrate');
    await runMigrations(url);
    const { db } = await import('../db/client');
    const { sql } = await import('drizzle-orm');
    const { createCourse, createUser } = await import('../db/factories');
    const { searchCourse } = await import('../lib/materials/search');
    const admin = await createUser(db, { role: 'admin' });
    const actor = { id: admin.id, email: admin.email, name: admin.name, role: admin.role };
    const course = await createCourse(db, { ownerId: admin.id, status: 'published', modules: 1, lessonsPerModule: 5 });
    const total = documents * perDoc;
    step(`loading ${fmt(documents)} documents, ${fmt(total)} blocks (generated tsvector + GIN and trigram indexes)`);
    const loadStarted = performance.now();
    await db.execute(sql`insert into materials (course_id, title, key, filename, content_type, size, revision, status, extract_status, page_count)
      select ${course.id}, 'Document ' || g, 'bench/' || g || '.pdf', 'doc' || g || '.pdf', 'application/pdf', 100000, 1, 'ready', 'done', ${perDoc / 10} from generate_series(1, ${documents}) g`);
    const vocab = `{${[...EN, ...RU].map((w) => `"${w}"`).join(',')}}`;
    const batchDocs = Math.max(1, Math.floor(100_000 / perDoc));
    for (let from = 0; from < documents; from += batchDocs) {
      await db.execute(sql`
        insert into material_blocks (material_id, course_id, page, seq, ref, text, x, y, w, h, nx, ny, nw, nh)
        select m.id, ${course.id}, b / 10 + 1, b % 10, 'p' || (b / 10 + 1) || '-b' || (b % 10),
          (select string_agg(v.w[1 + floor(random() * array_length(v.w, 1))::int], ' ') from generate_series(1, 8 + (m.n + b) % 12) k, (select ${vocab}::text[] as w) v),
          72, 72 + (b % 10) * 60, 400, 40, 0.12, 0.09 + (b % 10) * 0.075, 0.65, 0.05
        from (select id, row_number() over (order by id) as n from materials where course_id = ${course.id} order by id offset ${from} limit ${batchDocs}) m, generate_series(0, ${perDoc - 1}) b`);
      process.stdout.write(`\r  ${fmt(Math.min(documents, from + batchDocs) * perDoc)} blocks`);
    }
    process.stdout.write('\n');
    // The course dictionary the extraction job fills (typo correction).
    await db.execute(sql`insert into material_words (course_id, word) select ${course.id}, w from unnest(${vocab}::text[]) w on conflict do nothing`);
    await db.execute(sql`vacuum analyze material_blocks`);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const [{ min, max }] = (await db.execute(sql`select min(id)::bigint as min, max(id)::bigint as max from material_blocks`)) as unknown as [{ min: string; max: string }];

    const searchWords = [...EN.slice(0, 40), ...RU.slice(0, 30), 'книгу', 'running tests', 'sorting network', 'теорема о пределе', 'алгоритмы сортировки'];
    const typos = ['algoritm', 'recursoin', 'probabilty', 'теорма', 'сортировкаа'];
    const time = async (f: () => Promise<unknown>) => {
      const t = performance.now();
      await f();
      return performance.now() - t;
    };
    step(`warming up, then ${queries} searches, ${typos.length * 4} typo searches and ${queries} lookups by id, interleaved`);
    for (let i = 0; i < 10; i++) await searchCourse(actor, course.id, searchWords[i]!);
    const lookups: number[] = [];
    const searches: number[] = [];
    const fuzzy: number[] = [];
    let hits = 0;
    for (let i = 0; i < queries; i++) {
      const id = Number(min) + Math.floor(Math.random() * (Number(max) - Number(min)));
      lookups.push(await time(() => db.execute(sql`select id, material_id, page, ref, text, nx, ny, nw, nh from material_blocks where id = ${id}`)));
      searches.push(
        await time(async () => {
          hits += (await searchCourse(actor, course.id, searchWords[i % searchWords.length]!)).hits.length;
        }),
      );
    }
    for (let i = 0; i < typos.length * 4; i++) fuzzy.push(await time(() => searchCourse(actor, course.id, typos[i % typos.length]!)));

    const result = {
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, loadavg: os.loadavg() },
      extraction: { pages, textOnly: { ...textOnly, pagesPerSecond: textOnly.pages / textOnly.seconds }, withThumbnails: { ...withThumbs, pagesPerSecond: withThumbs.pages / withThumbs.seconds } },
      search: {
        documents,
        blocks: total,
        loadSeconds,
        queries,
        averageHits: hits / queries,
        searchP50Ms: pct(searches, 50),
        searchP95Ms: pct(searches, 95),
        typoP95Ms: pct(fuzzy, 95),
        lookupP50Ms: pct(lookups, 50),
        lookupP95Ms: pct(lookups, 95),
        ratioP95: pct(searches, 95) / pct(lookups, 95),
      },
    };
    fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
    fs.writeFileSync(path.join(root, 'bench/results/materials.json'), JSON.stringify(result, null, 2) + '\n');
    const e = result.extraction;
    const s = result.search;
    console.log(`
| metric | value |
|---|---:|
| extraction, text only (${pages} pages, ${fmt(e.textOnly.blocks)} blocks) | ${fmt(e.textOnly.pagesPerSecond, 1)} pages/s, peak RSS ${fmt(e.textOnly.maxRssMb)} MB |
| extraction with 200 px thumbnails | ${fmt(e.withThumbnails.pagesPerSecond, 1)} pages/s, peak RSS ${fmt(e.withThumbnails.maxRssMb)} MB |
| search p50 / p95 (${fmt(s.documents)} documents, ${fmt(s.blocks)} blocks, one course; avg ${fmt(s.averageHits, 1)} hits) | ${fmt(s.searchP50Ms, 1)} / ${fmt(s.searchP95Ms, 1)} ms |
| typo search (corrected by trigram, searched again) p95 | ${fmt(s.typoP95Ms, 1)} ms |
| block by id (primary key) p50 / p95 | ${fmt(s.lookupP50Ms, 2)} / ${fmt(s.lookupP95Ms, 2)} ms |
| search p95 ÷ lookup p95 | ${fmt(s.ratioP95, 0)}× |
| loading the blocks (insert + tsvector + indexes) | ${fmt(s.loadSeconds, 0)} s |`);
    return 0;
  } finally {
    await pg?.stop().catch(() => {});
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') {
  await childExtract(argv[1]!, argv.includes('--thumbnails'));
  process.exit(0);
}

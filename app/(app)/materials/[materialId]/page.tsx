import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PdfViewer } from '@/components/materials/pdf-viewer';
import { getSessionUser } from '@/lib/auth/session';
import type { HighlightBox } from '@/lib/materials/dto';
import { getBlockBox, getMaterialForViewer } from '@/lib/materials/queries';

type Props = { params: Promise<{ materialId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { materialId } = await params;
  const data = UUID.test(materialId) ? await getMaterialForViewer(await getSessionUser(), materialId) : null;
  return { title: (await getTranslations('materials.viewer'))('pageTitle', { title: data?.material.title ?? '' }) };
}

/** `rect=nx,ny,nw,nh` (a snapshot's region, 0–1 of the page) → a highlight box on `page`. */
function parseRect(rect: string | undefined, page: number): HighlightBox | null {
  const n = rect?.split(',').map(Number);
  if (!n || n.length !== 4 || n.some((x) => !Number.isFinite(x) || x < 0 || x > 1)) return null;
  return { page, nx: n[0]!, ny: n[1]!, nw: n[2]!, nh: n[3]! };
}

/**
 * The in-app viewer of a PDF material, opened at `page`, highlighting a search hit (`block=p3-b2`)
 * or a snapshot's region (`rect=`). Whoever may not read the material gets a 404.
 */
export default async function MaterialViewerPage({ params, searchParams }: Props) {
  const { materialId } = await params;
  if (!UUID.test(materialId)) notFound();
  const viewer = await getSessionUser();
  const data = await getMaterialForViewer(viewer, materialId);
  if (!data || !data.material.isPdf) notFound();
  const sp = await searchParams;
  const block = first(sp.block);
  const requested = Math.max(1, Math.floor(Number(first(sp.page)) || 1));
  const highlight = block && /^p\d+-b\d+$/.test(block) ? await getBlockBox(materialId, block) : parseRect(first(sp.rect), requested);
  const t = await getTranslations('materials.viewer');
  return (
    <div className="space-y-3">
      <div>
        <Link href={data.backHref} className="text-sm text-brand-600 underline dark:text-indigo-300">
          ← {t('back')}
        </Link>
        <h1 className="mt-1 text-2xl font-semibold">{data.material.title}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">{[data.courseTitle, data.lessonTitle].filter(Boolean).join(' · ')}</p>
      </div>
      <PdfViewer materialId={materialId} title={data.material.title} initialPage={highlight?.page ?? requested} highlight={highlight} canSnapshot={data.canSnapshot} backHref={data.backHref} thumbnails={data.pages.filter((p) => p.hasThumbnail).map((p) => p.page)} />
    </div>
  );
}

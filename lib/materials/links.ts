// Links into the in-app document viewer (pure: used by server code and client components).

/** Stored on a snapshot attachment (`attachments.origin`): where in which document it was taken. */
export type SnapshotOrigin = { kind: 'material_snapshot'; materialId: string; revision: number; page: number; nx: number; ny: number; nw: number; nh: number };

export const materialViewerHref = (materialId: string, opts: { page?: number; block?: string; rect?: [number, number, number, number] } = {}) => {
  const q: string[] = [];
  if (opts.page) q.push(`page=${opts.page}`);
  if (opts.block) q.push(`block=${encodeURIComponent(opts.block)}`);
  // Commas left as they are: the link stays readable (they are allowed in a query string).
  if (opts.rect) q.push(`rect=${opts.rect.map((n) => n.toFixed(4)).join(',')}`);
  return `/materials/${materialId}${q.length ? `?${q.join('&')}` : ''}`;
};

/** The viewer link of a snapshot's origin (that page, that box highlighted), or null for other attachments. */
export function snapshotLink(origin: unknown): { href: string; page: number } | null {
  const o = origin as Partial<SnapshotOrigin> | null;
  if (!o || o.kind !== 'material_snapshot' || !o.materialId || !o.page) return null;
  return { page: o.page, href: materialViewerHref(o.materialId, { page: o.page, rect: [Number(o.nx ?? 0), Number(o.ny ?? 0), Number(o.nw ?? 0), Number(o.nh ?? 0)] }) };
}

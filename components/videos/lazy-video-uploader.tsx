'use client';

import dynamic from 'next/dynamic';

// Uppy touches browser storage (Golden Retriever) as it is created, so it must never run during
// server rendering; loading it on demand also keeps it out of every other page's bundle.
export const LazyVideoUploader = dynamic(() => import('./video-uploader').then((m) => m.VideoUploader), {
  ssr: false,
  loading: () => <div className="h-[300px] animate-pulse rounded-md bg-slate-100 dark:bg-slate-800" aria-hidden="true" />,
});

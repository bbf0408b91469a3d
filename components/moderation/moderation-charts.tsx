'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { reportReasons } from '@/lib/moderation/constants';
import type { ModerationStats } from '@/lib/moderation/dto';

// Recharts is only loaded here, and this module only through next/dynamic (lazy-moderation-charts):
// pages that never show the charts never download it.

const reasonColors: Record<(typeof reportReasons)[number], string> = {
  copyright: '#6366f1',
  inappropriate: '#dc2626',
  spam: '#d97706',
  misleading: '#0891b2',
  broken: '#64748b',
  privacy: '#9333ea',
  other: '#16a34a',
};

export function ChartCard({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900" data-testid={testId}>
      <figcaption className="mb-3 font-semibold">{title}</figcaption>
      {children}
    </figure>
  );
}

const axis = { fontSize: 12, fill: 'currentColor' };

function Frame({ children, label }: { children: ReactNode; label: string }) {
  return (
    // The chart is a picture of the data (role img, its title as name); the same numbers are in the
    // table view for screen readers, so Recharts' own keyboard layer is off.
    <div className="h-64 w-full" role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        {children as React.ReactElement}
      </ResponsiveContainer>
    </div>
  );
}

/** A ranking: one horizontal bar per category. */
function HorizontalBars({ data, category, value, name, color, label }: { data: object[]; category: string; value: string; name: string; color: string; label: string }) {
  return (
    <Frame label={label}>
      <BarChart accessibilityLayer={false} data={data} layout="vertical">
        <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
        <XAxis type="number" allowDecimals={false} tick={axis} />
        <YAxis type="category" dataKey={category} width={140} tick={axis} />
        <Tooltip />
        <Bar dataKey={value} name={name} fill={color} isAnimationActive={false} />
      </BarChart>
    </Frame>
  );
}

export default function ModerationCharts({ stats }: { stats: ModerationStats }) {
  const t = useTranslations('moderation');
  const timings = stats.timings.map((x) => ({ name: t(`stats.${x.metric}`), median: x.medianHours ?? 0, p90: x.p90Hours ?? 0 }));
  const actions = stats.actionsByType.map((a) => ({ name: t(`actions.${a.type}`), count: a.count }));
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <ChartCard title={t('stats.reportsByDay')} testId="chart-reports-by-day">
        <Frame label={t('stats.reportsByDay')}>
          <BarChart accessibilityLayer={false} data={stats.reportsByDay}>
            <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
            <XAxis dataKey="day" tick={axis} />
            <YAxis allowDecimals={false} tick={axis} />
            <Tooltip />
            <Legend />
            {reportReasons.map((r) => (
              <Bar key={r} dataKey={r} name={t(`reasons.${r}`)} stackId="r" fill={reasonColors[r]} isAnimationActive={false} />
            ))}
          </BarChart>
        </Frame>
      </ChartCard>
      <ChartCard title={t('stats.backlog')} testId="chart-backlog">
        <Frame label={t('stats.backlog')}>
          <LineChart accessibilityLayer={false} data={stats.backlog}>
            <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
            <XAxis dataKey="day" tick={axis} />
            <YAxis allowDecimals={false} tick={axis} />
            <Tooltip />
            <Line type="monotone" dataKey="open" name={t('stats.open')} stroke="#6366f1" dot={false} isAnimationActive={false} />
          </LineChart>
        </Frame>
      </ChartCard>
      <ChartCard title={t('stats.timings')} testId="chart-timings">
        <Frame label={t('stats.timings')}>
          <BarChart accessibilityLayer={false} data={timings}>
            <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
            <XAxis dataKey="name" tick={axis} />
            <YAxis tick={axis} />
            <Tooltip />
            <Legend />
            <Bar dataKey="median" name={t('stats.median')} fill="#0891b2" isAnimationActive={false} />
            <Bar dataKey="p90" name={t('stats.p90')} fill="#d97706" isAnimationActive={false} />
          </BarChart>
        </Frame>
      </ChartCard>
      <ChartCard title={t('stats.actionsByType')} testId="chart-actions">
        <Frame label={t('stats.actionsByType')}>
          <BarChart accessibilityLayer={false} data={actions}>
            <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
            <XAxis dataKey="name" tick={axis} />
            <YAxis allowDecimals={false} tick={axis} />
            <Tooltip />
            <Bar dataKey="count" name={t('stats.count')} fill="#6366f1" isAnimationActive={false} />
          </BarChart>
        </Frame>
      </ChartCard>
      <ChartCard title={t('stats.throughput')} testId="chart-throughput">
        <HorizontalBars data={stats.throughput} category="moderator" value="actions" name={t('stats.count')} color="#16a34a" label={t('stats.throughput')} />
      </ChartCard>
      <ChartCard title={t('stats.topCourses')} testId="chart-top-courses">
        <HorizontalBars data={stats.topCourses} category="title" value="reports" name={t('stats.count')} color="#dc2626" label={t('stats.topCourses')} />
      </ChartCard>
    </div>
  );
}

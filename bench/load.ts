import autocannon from 'autocannon';

export type RateResult = {
  url: string;
  /** Successful (2xx) responses per second over the measured window. */
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number; mean: number };
  responses2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  seconds: number;
};

export const LOAD = { connections: 10, warmupSeconds: 2, seconds: 8 } as const;

/** Warms the route up, then measures it with a fixed number of concurrent keep-alive connections. */
export async function measureRate(url: string, headers: Record<string, string> = {}): Promise<RateResult> {
  await autocannon({ url, headers, connections: LOAD.connections, duration: LOAD.warmupSeconds });
  const r = await autocannon({ url, headers, connections: LOAD.connections, duration: LOAD.seconds });
  return {
    url,
    requestsPerSecond: r['2xx'] / r.duration,
    latencyMs: { p50: r.latency.p50, p99: r.latency.p99, mean: r.latency.mean },
    responses2xx: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, s]) => [code, s.count])),
    seconds: r.duration,
  };
}

// Browser-side calls to the app's own JSON routes (the upload callbacks of videos and documents).

/** A refused call: the route's `error.message` (or the HTTP status line) and the status, for retry decisions. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Sends `body` as JSON (when given), never from the HTTP cache; returns the parsed body or throws ApiError. */
export async function apiJson<T>(method: string, url: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, {
    method,
    signal,
    headers: body ? { 'content-type': 'application/json' } : undefined,
    body: body ? JSON.stringify(body) : undefined,
    cache: 'no-store',
  });
  const data = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (!res.ok) throw new ApiError(data?.error?.message ?? `${res.status} ${res.statusText}`, res.status);
  return data as T;
}

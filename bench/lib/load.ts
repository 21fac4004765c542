/**
 * A small closed-loop HTTP load generator: `connections` workers each send a request, wait for the
 * answer, and send the next, for `seconds`. Every latency is kept, so percentiles are exact.
 * Loopback only; bounded in time.
 */
export interface LoadResult {
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

export async function load(
  nextUrl: () => string,
  options: { seconds: number; connections: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + options.seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const started = performance.now();
      try {
        const res = await fetch(nextUrl(), { headers: options.headers });
        await res.arrayBuffer();
        if (res.status >= 400) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: options.connections }, worker));
  const elapsed = (performance.now() - started) / 1000;
  return { requests: latencies.length, errors, rps: latencies.length / elapsed, ...percentiles(latencies) };
}

/** Times `fn` sequentially `times` times (after a warm-up) and returns its percentiles in ms. */
export async function timeCalls(fn: () => Promise<unknown>, times: number) {
  for (let i = 0; i < Math.min(20, times); i++) await fn();
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    await fn();
    latencies.push(performance.now() - t);
  }
  return {
    calls: times,
    perSecond: times / ((performance.now() - started) / 1000),
    ...percentiles(latencies),
  };
}

export function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)) };
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * A closed-loop HTTP load generator for a weighted mix of requests (reads and writes with JSON
 * bodies): `connections` workers each pick a kind by weight, send its request, wait for the answer
 * and send the next, for `seconds`. Latencies go into fixed-size histograms (0.1 ms buckets to 10 s,
 * 10 ms buckets to 120 s), so a five-minute run allocates nothing that grows with the number of
 * requests and does not disturb the memory figures of a server in the same process. Loopback only;
 * bounded in time.
 */

export interface MixRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  headers: Record<string, string>;
}

export interface MixKind {
  name: string;
  /** Relative weight in the mix (e.g. percentages). */
  weight: number;
  next(): MixRequest;
  /** Status codes that are the expected answer (default: 200; 201 too for POST). */
  ok?: number[];
  /** Called with each acknowledged answer (status in `ok`) and its parsed JSON body. */
  acknowledged?(body: unknown): void;
}

export interface KindResult {
  name: string;
  requests: number;
  /** Answers outside `ok`, or failed connections. */
  errors: number;
  /** 5xx answers (also counted in `errors`). */
  serverErrors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** A few examples of the errors (status and the start of the body), for the report. */
  samples: string[];
}

export interface MixResult {
  seconds: number;
  total: KindResult;
  kinds: KindResult[];
}

/** 0.1 ms buckets up to 10 s, then 10 ms buckets up to 120 s (the client's timeout is 60 s). */
const FINE_MS = 0.1;
const FINE_BUCKETS = 100_000;
const COARSE_MS = 10;
const BUCKETS = FINE_BUCKETS + 11_000;
const bucketOf = (ms: number) =>
  ms < FINE_BUCKETS * FINE_MS
    ? Math.floor(ms / FINE_MS)
    : Math.min(BUCKETS - 1, FINE_BUCKETS + Math.floor((ms - FINE_BUCKETS * FINE_MS) / COARSE_MS));
const upperEdge = (i: number) =>
  i < FINE_BUCKETS ? (i + 1) * FINE_MS : FINE_BUCKETS * FINE_MS + (i - FINE_BUCKETS + 1) * COARSE_MS;

class Histogram {
  readonly counts = new Uint32Array(BUCKETS);
  n = 0;
  max = 0;
  add(ms: number) {
    this.counts[bucketOf(ms)]!++;
    this.n++;
    if (ms > this.max) this.max = ms;
  }
  merge(other: Histogram) {
    for (let i = 0; i < BUCKETS; i++) this.counts[i]! += other.counts[i]!;
    this.n += other.n;
    this.max = Math.max(this.max, other.max);
  }
  /** The upper edge of the bucket holding the q-quantile, in ms. */
  at(q: number): number {
    if (!this.n) return 0;
    const rank = Math.min(this.n - 1, Math.floor(q * this.n));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]!;
      if (seen > rank) return Math.min(this.max, upperEdge(i));
    }
    return this.max;
  }
}

/** Picks kinds in proportion to their weights with a small deterministic generator. */
function picker(kinds: MixKind[], seed: number) {
  const total = kinds.reduce((s, k) => s + k.weight, 0);
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    let r = ((state >>> 0) / 2 ** 32) * total;
    for (let i = 0; i < kinds.length; i++) {
      r -= kinds[i]!.weight;
      if (r < 0) return i;
    }
    return kinds.length - 1;
  };
}

export async function loadMix(
  base: string,
  kinds: MixKind[],
  options: { seconds: number; connections: number; seed?: number; timeoutMs?: number },
): Promise<MixResult> {
  const stats = kinds.map(() => ({
    histogram: new Histogram(),
    errors: 0,
    serverErrors: 0,
    samples: [] as string[],
  }));
  const pick = picker(kinds, options.seed ?? 20_26);
  const deadline = performance.now() + options.seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const i = pick();
      const kind = kinds[i]!;
      const stat = stats[i]!;
      const req = kind.next();
      const ok = kind.ok ?? (req.method === 'POST' ? [200, 201] : [200]);
      const started = performance.now();
      try {
        const res = await fetch(`${base}${req.path}`, {
          method: req.method,
          headers:
            req.body === undefined ? req.headers : { ...req.headers, 'content-type': 'application/json' },
          body: req.body === undefined ? undefined : JSON.stringify(req.body),
          signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
        });
        const text = await res.text();
        stat.histogram.add(performance.now() - started);
        if (!ok.includes(res.status)) {
          stat.errors++;
          if (res.status >= 500) stat.serverErrors++;
          if (stat.samples.length < 3) stat.samples.push(`${res.status} ${text.slice(0, 200)}`);
        } else if (kind.acknowledged) {
          kind.acknowledged(JSON.parse(text));
        }
      } catch (error) {
        stat.histogram.add(performance.now() - started);
        stat.errors++;
        if (stat.samples.length < 3) stat.samples.push(String(error).slice(0, 200));
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: options.connections }, worker));
  const seconds = (performance.now() - started) / 1000;
  const result = (name: string, s: (typeof stats)[number]): KindResult => ({
    name,
    requests: s.histogram.n,
    errors: s.errors,
    serverErrors: s.serverErrors,
    rps: s.histogram.n / seconds,
    p50: round(s.histogram.at(0.5)),
    p95: round(s.histogram.at(0.95)),
    p99: round(s.histogram.at(0.99)),
    max: round(s.histogram.max),
    samples: s.samples,
  });
  const all = { histogram: new Histogram(), errors: 0, serverErrors: 0, samples: [] as string[] };
  for (const s of stats) {
    all.histogram.merge(s.histogram);
    all.errors += s.errors;
    all.serverErrors += s.serverErrors;
    all.samples.push(...s.samples);
  }
  return {
    seconds,
    total: result('all', all),
    kinds: kinds.map((k, i) => result(k.name, stats[i]!)),
  };
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * The memory of this process over time (the server runs in it) and a leak verdict: a full garbage
 * collection before each sample when it can be had (`--expose-gc`, or switched on here through V8's
 * flags), then RSS and heap used every `everySeconds`; the verdict is a least-squares line through
 * the heap used after GC over the second half of the run, once the caches have warmed up.
 */
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface MemorySample {
  /** Seconds since the sampler started. */
  t: number;
  rssMb: number;
  heapUsedMb: number;
}

export interface LeakVerdict {
  /** Slope of heap used after GC over the second half, MB per minute. */
  slopeMbPerMinute: number;
  /** Heap used after GC at the start and end of the second half (fitted line), MB. */
  fromMb: number;
  toMb: number;
  leak: boolean;
  text: string;
}

/** `global.gc`, switching on `--expose-gc` at run time when node was started without it. */
export function garbageCollector(): (() => void) | null {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === 'function') return existing;
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    return typeof gc === 'function' ? gc : null;
  } catch {
    return null;
  }
}

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

export function sampleMemory(everySeconds: number) {
  const gc = garbageCollector();
  const samples: MemorySample[] = [];
  const started = performance.now();
  const take = () => {
    gc?.();
    const m = process.memoryUsage();
    samples.push({
      t: Math.round((performance.now() - started) / 100) / 10,
      rssMb: mb(m.rss),
      heapUsedMb: mb(m.heapUsed),
    });
  };
  take();
  const timer = setInterval(take, everySeconds * 1000);
  return {
    gcAvailable: gc !== null,
    samples,
    stop(): MemorySample[] {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}

/**
 * A leak is suspected when heap used after GC keeps rising over the second half of the run: a
 * slope above `thresholdMbPerMinute` AND a rise of more than 5 % of the heap over that half.
 */
export function leakVerdict(samples: MemorySample[], thresholdMbPerMinute = 1): LeakVerdict {
  const last = samples.at(-1)?.t ?? 0;
  const half = samples.filter((s) => s.t >= last / 2);
  if (half.length < 3)
    return { slopeMbPerMinute: 0, fromMb: 0, toMb: 0, leak: false, text: 'too few samples for a verdict' };
  const n = half.length;
  const mx = half.reduce((s, p) => s + p.t, 0) / n;
  const my = half.reduce((s, p) => s + p.heapUsedMb, 0) / n;
  const sxy = half.reduce((s, p) => s + (p.t - mx) * (p.heapUsedMb - my), 0);
  const sxx = half.reduce((s, p) => s + (p.t - mx) ** 2, 0);
  const slope = sxx ? sxy / sxx : 0; // MB per second
  const t0 = half[0]!.t;
  const fromMb = my + slope * (t0 - mx);
  const toMb = my + slope * (last - mx);
  const perMinute = Math.round(slope * 60 * 100) / 100;
  const leak = perMinute > thresholdMbPerMinute && toMb - fromMb > 0.05 * fromMb;
  const text =
    `heap used after GC over the second half (${n} samples, ${t0}–${last} s): ` +
    `${fromMb.toFixed(1)} → ${toMb.toFixed(1)} MB, ${perMinute >= 0 ? '+' : ''}${perMinute} MB/min — ` +
    (leak ? 'LEAK SUSPECTED' : 'no leak');
  return {
    slopeMbPerMinute: perMinute,
    fromMb: Math.round(fromMb * 10) / 10,
    toMb: Math.round(toMb * 10) / 10,
    leak,
    text,
  };
}

import cliProgress from 'cli-progress';

/** Reports progress of one long piece of work; `stop()` must be called when it ends. */
export interface Progress {
  /** `done` units so far; `total` when it becomes known (or changes). */
  update(done: number, total?: number): void;
  stop(): void;
}

export interface ProgressOptions {
  /** Units of work when known in advance; without it the bar shows a running count. */
  total?: number;
  /** What is counted, e.g. "rows", "entries". */
  unit?: string;
  /** Where the bar is drawn when it is a terminal (default: stdout). */
  tty?: NodeJS.WriteStream;
  /** Where plain progress lines go when stdout is not a terminal (default: stderr). */
  log?: NodeJS.WritableStream;
  /** Plain mode: at most one line this often (default 5 s). */
  intervalMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/**
 * Starts a progress display: a redrawn bar when stdout is a terminal, plain periodic lines
 * otherwise. The plain lines go to stderr so that redirected output (`--format json > file`)
 * stays clean. A timer adds heartbeat lines while the work reports nothing new (one big import
 * transaction reports only at its end); it ticks on PostgreSQL, whose queries wait on the
 * network, but not on PGlite, whose back-to-back queries run in-process and starve timers, so
 * there the display moves only when the work reports.
 */
export function startProgress(label: string, options: ProgressOptions = {}): Progress {
  const tty = options.tty ?? process.stdout;
  return tty.isTTY ? barProgress(label, tty, options) : lineProgress(label, options);
}

function barProgress(label: string, stream: NodeJS.WriteStream, options: ProgressOptions): Progress {
  const unit = options.unit ?? '';
  const counted = `{value}${unit ? ` ${unit}` : ''}`;
  const format = (known: boolean) =>
    known
      ? `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {duration_formatted}`
      : `${label} | ${counted} | {duration_formatted}`;
  let known = options.total !== undefined;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      // Chosen at each redraw, so that a total learnt after the start turns the counter into a bar.
      format: (opts, params, payload) =>
        cliProgress.Format.Formatter({ ...opts, format: format(known) }, params, payload),
      clearOnComplete: true,
      hideCursor: true,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(options.total ?? 0, 0);
  return {
    update(done, total) {
      if (total !== undefined) {
        known = true;
        bar.setTotal(total);
      }
      bar.update(done);
    },
    stop() {
      bar.stop();
    },
  };
}

function lineProgress(label: string, options: ProgressOptions): Progress {
  const log = options.log ?? process.stderr;
  const now = options.now ?? Date.now;
  const interval = options.intervalMs ?? 5000;
  const started = now();
  let done = 0;
  let total = options.total;
  let lastLine = started;
  let printed = false;
  let lastDone = -1;
  const write = () => {
    const seconds = Math.round((now() - started) / 1000);
    const count = total !== undefined ? `${done}/${total}` : String(done);
    const pct = total ? ` (${Math.floor((done / total) * 100)}%)` : '';
    log.write(`${label}: ${count}${options.unit ? ` ${options.unit}` : ''}${pct}, ${seconds} s\n`);
    lastLine = now();
    lastDone = done;
    printed = true;
  };
  const tick = () => {
    if (now() - lastLine >= interval) write();
  };
  const timer = setInterval(tick, Math.min(interval, 1000));
  // The heartbeat must never keep the process alive on its own.
  timer.unref();
  return {
    update(value, newTotal) {
      done = value;
      if (newTotal !== undefined) total = newTotal;
      tick();
    },
    stop() {
      clearInterval(timer);
      // Short work prints nothing; long work ends with its final count unless that was just printed.
      if (printed && done !== lastDone) write();
    },
  };
}

/** Progress over successive named phases (one bar per phase), e.g. the kinds of a demo seed. */
export interface PhasedProgress {
  update(phase: string, done: number, total?: number): void;
  /** Ends the current phase's display (before printing a line, or at the end). */
  stop(): void;
}

/** Starts a phased progress display; each new phase name ends the previous phase's bar. */
export function startPhasedProgress(
  options: Omit<ProgressOptions, 'total'> & { indent?: string } = {},
): PhasedProgress {
  let current: { phase: string; progress: Progress } | null = null;
  return {
    update(phase, done, total) {
      if (current?.phase !== phase) {
        current?.progress.stop();
        current = {
          phase,
          progress: startProgress(`${options.indent ?? ''}${phase}`, { ...options, total }),
        };
      }
      current.progress.update(done, total);
    },
    stop() {
      current?.progress.stop();
      current = null;
    },
  };
}

import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startProgress } from '../../src/cli/progress';

/** A non-terminal stream that keeps what was written. */
function sink() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { stream, lines };
}

const notATerminal = { isTTY: false } as NodeJS.WriteStream;

describe('progress without a terminal', () => {
  it('prints nothing for short work', () => {
    const { stream, lines } = sink();
    const p = startProgress('verifying', { tty: notATerminal, log: stream, now: () => 0 });
    p.update(10);
    p.stop();
    expect(lines).toEqual([]);
  });

  it('prints a line at most once per interval and ends with the final count', () => {
    const { stream, lines } = sink();
    let clock = 0;
    const p = startProgress('importing', {
      tty: notATerminal,
      log: stream,
      unit: 'rows',
      total: 100,
      intervalMs: 1000,
      now: () => clock,
    });
    clock = 500;
    p.update(10);
    clock = 1500;
    p.update(20);
    clock = 1800;
    p.update(30);
    clock = 3000;
    p.update(90);
    clock = 3100;
    p.update(100);
    p.stop();
    expect(lines).toEqual([
      'importing: 20/100 rows (20%), 2 s',
      'importing: 90/100 rows (90%), 3 s',
      'importing: 100/100 rows (100%), 3 s',
    ]);
  });

  it('counts without a total', () => {
    const { stream, lines } = sink();
    let clock = 0;
    const p = startProgress('verifying', {
      tty: notATerminal,
      log: stream,
      unit: 'entries',
      intervalMs: 1000,
      now: () => clock,
    });
    clock = 1000;
    p.update(5000);
    p.stop();
    expect(lines).toEqual(['verifying: 5000 entries, 1 s']);
  });
});

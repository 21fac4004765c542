/**
 * Fault on PGlite: the server on a data directory is killed (SIGKILL) in the middle of a burst of
 * incident reports and travel requests; a new server on the same directory takes the dead
 * process's lock over, recovers, and has every acknowledged write (test/fault/server-kill-scenario.ts).
 * In the PGlite project only (one process owns a data directory; PostgreSQL runs test/fault/).
 */
import { describeServerKill } from '../fault/server-kill-scenario';

describeServerKill('PGlite', 4);

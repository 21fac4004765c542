/**
 * Fault: the real server is killed (SIGKILL: no shutdown, no flush) in the middle of a burst of
 * concurrent incident reports and travel requests. After a restart on the same database, every
 * write the server acknowledged (a 2xx answer with its id) is there and intact, the session made
 * before the crash is still valid, and the audit trail's hash chain verifies.
 * PostgreSQL (the fault project); test/fault-pglite/ runs the same scenario on a PGlite directory.
 */
import { describeServerKill } from './server-kill-scenario';

describeServerKill('PostgreSQL', 16);

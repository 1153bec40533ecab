/**
 * PostgreSQL: the one lock that every deferred trigger takes first at commit (007's event ids, 020's
 * board counters, 021's report counters). They must all take the same one: two committing
 * transactions that each held a different one could wait on each other's rows (a deadlock that
 * concurrent transfers hit once both sets of counters were on main).
 */
export const COMMIT_LOCK = `perform pg_advisory_xact_lock(hashtext('support_events:' || current_schema()))`;

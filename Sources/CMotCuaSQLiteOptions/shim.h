// Connection options of the SQLite that sqlite-nio bundles (its symbols carry the prefix sqlite_nio_).
// sqlite3_db_config is variadic, which Swift cannot call, so the one option the platform sets is wrapped here.
#ifndef MOTCUA_SQLITE_OPTIONS_H
#define MOTCUA_SQLITE_OPTIONS_H

struct sqlite3;
int sqlite_nio_sqlite3_db_config(struct sqlite3 *, int op, ...);

/// SQLITE_DBCONFIG_ENABLE_QPSG (1007): the query planner stability guarantee. Without it, SQLite 3.5x marks a
/// prepared statement for re-preparation whenever a parameter that could sway its plan is bound again
/// (`LIMIT ?`, a parameter compared with a partial index's condition), so cached statements were parsed
/// and planned anew on every execution. Returns SQLITE_OK (0) on success.
static inline int motcua_sqlite_enable_qpsg(void *connection) {
    int applied = 0;
    return sqlite_nio_sqlite3_db_config((struct sqlite3 *)connection, 1007, 1, &applied);
}

#endif

import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

const MAX_STATEMENTS = 500;

/**
 * Wraps better-sqlite3 so each distinct SQL text is prepared once. Kysely asks for a fresh statement on every
 * query, and preparing costs more than running a small indexed read. Kysely runs one query at a time on its
 * single SQLite connection, so a cached statement is never used by two queries at once.
 */
export function withStatementCache(database: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => {
      cache.clear();
      database.close();
    },
    prepare: (sql) => {
      let statement = cache.get(sql);
      if (statement) {
        // Move to the back: the map's first entry is then the least recently used.
        cache.delete(sql);
      } else {
        statement = database.prepare(sql) as unknown as SqliteStatement;
        if (cache.size >= MAX_STATEMENTS) {
          const oldest = cache.keys().next().value;
          if (oldest !== undefined) cache.delete(oldest);
        }
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}

import pg from 'pg';

/**
 * Whether a bench's PostgreSQL schema holds a whole seeded desk from an earlier run: its marker table
 * is written last. A schema without it (a seed that was cut short) is dropped, to be seeded again.
 */
export async function postgresSeeded(url: string, schema: string, marker: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const seeded = await client.query<{ n: string }>(`select count(*) as n from pg_tables where schemaname = $1 and tablename = $2`, [schema, marker]);
    if (Number(seeded.rows[0]?.n) === 1) return true;
    await client.query(`drop schema if exists ${schema} cascade`);
    return false;
  } finally {
    await client.end();
  }
}

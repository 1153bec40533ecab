import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import { seedDemoTemplate, seedPostgresDemoTemplate, type PostgresDemoTemplate } from './demo-template.js';

/** Where the test servers find the demo desk seeded once for the run (test-server.ts copies it). */
export const DEMO_TEMPLATE_VARIABLE = 'SUPPORT_TEST_DEMO_TEMPLATE';
export const POSTGRES_DEMO_TEMPLATE_VARIABLE = 'SUPPORT_TEST_POSTGRES_DEMO_TEMPLATE';

/**
 * vitest globalSetup: seeds the demo desk once, before the workers start; they inherit the variables.
 * Each project that lists it runs it in the same main process, so the first one seeds for all: on
 * SQLite always, and on PostgreSQL when the run has one.
 */
export default async function setup(): Promise<() => Promise<void>> {
  if (process.env[DEMO_TEMPLATE_VARIABLE]) return async () => {};
  const url = process.env['SUPPORT_TEST_DATABASE_URL'];
  const [template, postgres] = await Promise.all([seedDemoTemplate(), url ? seedPostgresDemoTemplate(url) : undefined]);
  process.env[DEMO_TEMPLATE_VARIABLE] = JSON.stringify(template);
  if (postgres) process.env[POSTGRES_DEMO_TEMPLATE_VARIABLE] = JSON.stringify(postgres);
  return async () => {
    delete process.env[DEMO_TEMPLATE_VARIABLE];
    delete process.env[POSTGRES_DEMO_TEMPLATE_VARIABLE];
    rmSync(dirname(template.file), { recursive: true, force: true });
    if (postgres) await dropSchema(postgres);
  };
}

async function dropSchema(template: PostgresDemoTemplate): Promise<void> {
  const client = new pg.Client({ connectionString: template.url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${template.schema} cascade`);
  } finally {
    await client.end();
  }
}

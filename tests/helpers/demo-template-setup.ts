import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { seedDemoTemplate } from './demo-template.js';

/** Where the test servers find the demo desk seeded once for the run (test-server.ts copies it). */
export const DEMO_TEMPLATE_VARIABLE = 'SUPPORT_TEST_DEMO_TEMPLATE';

/**
 * vitest globalSetup: seeds the demo desk once, before the workers start; they inherit the variable.
 * Each project that lists it runs it in the same main process, so the first one seeds for all.
 */
export default async function setup(): Promise<() => void> {
  if (process.env[DEMO_TEMPLATE_VARIABLE]) return () => {};
  const template = await seedDemoTemplate();
  process.env[DEMO_TEMPLATE_VARIABLE] = JSON.stringify(template);
  return () => {
    delete process.env[DEMO_TEMPLATE_VARIABLE];
    rmSync(dirname(template.file), { recursive: true, force: true });
  };
}

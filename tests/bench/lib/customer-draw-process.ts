/**
 * Runs the customer screen's draw measurement in a process of its own, started with
 * NODE_ENV=production: React's production build, as the bundled CLI has it (bin/build.js defines it),
 * not the development build the bench's own process loads.
 */
import { measureCustomerFirstDraw } from './customer-draw.js';

const result = await measureCustomerFirstDraw(Number(process.argv[2] ?? 20));
process.stdout.write(`${JSON.stringify(result)}\n`);

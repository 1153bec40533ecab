import { performance } from 'node:perf_hooks';
import { render } from 'ink';
import { SupportClient } from '../../../src/client/support-client.js';
import { createTui } from '../../../src/tui/run.js';
import { FakeStdin, FakeStdout } from './fake-terminal.js';
import { startBenchServer } from './processes.js';
import { median, percentile, round } from './stats.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface CustomerDrawResult {
  runs: number;
  transactions: number;
  /** From the answers entering the store to Ink's frame written (wall clock). */
  medianMs: number;
  p95Ms: number;
  /** CPU time of the process over the same span: what the machine's other load does not inflate. */
  cpuMedianMs: number;
  cpuP95Ms: number;
  /** Ink's own figure for writing that frame (layout and output), from its onRender. */
  inkMedianMs: number;
}

/**
 * The customer screen's first draw with its data, in a 160x50 terminal: the customer's answers (profile,
 * all conversations, whole transaction history, complaints, wallet history) are fetched first, then put in the store at once
 * as the effects do, and the time to the next frame written is measured.
 */
export async function measureCustomerFirstDraw(runs: number): Promise<CustomerDrawResult> {
  const server = await startBenchServer({ conversations: 200 });
  try {
    const { token, agent } = await new SupportClient({ baseUrl: server.url }).auth.login('agent@example.com', 'demo');
    const client = new SupportClient({ baseUrl: server.url, token });
    const queue = await client.queue.listAll();
    // The customer with the longest history among the queue's first ones: the heaviest screen to draw.
    const candidates = await Promise.all([...new Set(queue.slice(0, 20).map((c) => c.customer.id))].map(async (id) => ({ id, transactions: await client.customers.transactionsAll(id) })));
    const { id, transactions } = candidates.sort((a, b) => b.transactions.length - a.transactions.length)[0]!;
    const [context, complaints, conversations] = await Promise.all([client.customers.get(id), client.complaints.list({ customerId: id }), client.customers.conversationsAll(id)]);
    const history = (await Promise.all(context.accounts.map((a) => client.accounts.get(a.id)))).flatMap((d) => d.history);
    const tui = createTui({ client, agent, profile: 'bench' });
    let renders = 0;
    let lastRenderTime = 0;
    const ink: number[] = [];
    const stdout = new FakeStdout(160, 50);
    const instance = render(tui.element, {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: new FakeStdin() as unknown as NodeJS.ReadStream,
      stderr: new FakeStdout(160, 50) as unknown as NodeJS.WriteStream,
      interactive: true,
      patchConsole: false,
      exitOnCtrlC: false,
      maxFps: 1000,
      onRender: ({ renderTime }) => {
        renders++;
        lastRenderTime = renderTime;
      },
    });
    const wall: number[] = [];
    const cpu: number[] = [];
    try {
      while (tui.store.getState().queue.status !== 'ready') await sleep(20);
      await sleep(200);
      for (let i = 0; i < runs; i++) {
        tui.store.update(() => ({ screen: { name: 'queue' }, customers: {}, customerConversations: {}, customerTransactions: {}, customerComplaints: {}, customerWalletHistory: {} }));
        await sleep(30);
        const before = renders;
        const cpuStart = process.cpuUsage();
        const start = performance.now();
        tui.store.update(() => ({
          screen: { name: 'customer', id, back: { name: 'queue' } },
          customerSelected: 0,
          customers: { [id]: { status: 'ready', data: context } },
          customerConversations: { [id]: { status: 'ready', data: conversations } },
          customerTransactions: { [id]: { status: 'ready', data: transactions } },
          customerComplaints: { [id]: { status: 'ready', data: complaints.data } },
          customerWalletHistory: { [id]: { status: 'ready', data: history } },
        }));
        while (renders === before) await sleep(0);
        wall.push(performance.now() - start);
        const used = process.cpuUsage(cpuStart);
        cpu.push((used.user + used.system) / 1000);
        ink.push(lastRenderTime);
      }
    } finally {
      instance.unmount();
      tui.actions.dispose();
    }
    return { runs, transactions: transactions.length, medianMs: round(median(wall), 2), p95Ms: round(percentile(wall, 95), 2), cpuMedianMs: round(median(cpu), 2), cpuP95Ms: round(percentile(cpu, 95), 2), inkMedianMs: round(median(ink), 2) };
  } finally {
    await server.stop();
  }
}

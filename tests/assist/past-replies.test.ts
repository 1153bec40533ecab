import { describe, expect, it } from 'vitest';
import { PastReplies, type ReplyEntry } from '../../src/server/domain/assist/past-replies.js';
import { termsOf } from '../../src/server/domain/assist/terms.js';

const reply = (messageId: number, conversationId: number, body: string, question = 'my sticker album vanished'): ReplyEntry => ({
  messageId,
  conversationId,
  category: 'other',
  question,
  body,
});

describe('past replies', () => {
  it('keeps a conversation read over two pages as one, and suggests its reply that holds the words asked', () => {
    const index = new PastReplies();
    index.add(7, [reply(70, 7, 'Hello, let me check that for you, one moment please and thank you for waiting.')]);
    index.add(7, [reply(71, 7, 'The sticker album moved under Rewards.')]);
    index.add(7, [reply(71, 7, 'The sticker album moved under Rewards.')]);
    expect(index.count).toBe(2);
    expect(index.repliesOf(7)).toEqual([70, 71]);

    const hits = index.search(termsOf('where has the sticker album moved'), 10);
    expect(hits).toMatchObject([{ conversationId: 7, category: 'other' }]);
    expect(index.bestReply(7, hits[0]!.queryTerms)?.messageId).toBe(71);
  });

  it('forgets a conversation that is no longer settled, and counts its words out', () => {
    const index = new PastReplies();
    index.put(1, [reply(10, 1, 'Rambutan stamps are at the harbour kiosk.')]);
    index.put(2, [reply(20, 2, 'Durian points expire after a year.', 'when do durian points expire')]);
    index.put(1, []);
    expect(index.count).toBe(1);
    expect(index.repliesOf(1)).toEqual([]);
    expect(index.search(['rambutan', 'kiosk'], 10)).toEqual([]);
    expect(index.search(['durian'], 10)).toMatchObject([{ conversationId: 2 }]);
  });

  it('searches by the rarest words only: a word in more conversations than the budget is not read', () => {
    const index = new PastReplies();
    for (let id = 1; id <= 1001; id += 1) index.put(id, [reply(id * 10, id, 'Your wallet balance is shown on the home screen.', 'wallet balance')]);
    expect(index.search(['wallet'], 10)).toEqual([]);

    index.put(2000, [reply(20_000, 2000, 'The wallet kiwi badge is under Rewards.', 'wallet kiwi badge')]);
    expect(index.search(['wallet', 'kiwi'], 10).map((h) => [h.conversationId, h.queryTerms])).toEqual([[2000, ['kiwi']]]);

    for (let id = 1; id <= 2; id += 1) index.put(id, []);
    expect(index.search(['wallet'], 2000).length).toBe(1000);
  });

  it('searches the latest 5,000 conversations apart when no word of the question is selective among all', () => {
    const index = new PastReplies();
    let id = 0;
    const conversation = (body: string, question: string) => {
      id += 1;
      index.add(id, [reply(id * 10, id, body, question)]);
    };
    for (let i = 0; i < 1500; i += 1) conversation('Your wallet balance is on the home screen.', 'wallet balance');
    for (let i = 0; i < 5000; i += 1) conversation('Top-ups by card arrive at once.', 'card top up');
    for (let i = 0; i < 50; i += 1) conversation('A wallet refund takes three days.', 'wallet refund');
    expect(index.search(['wallet'], 10)).toEqual([]);

    while (!index.indexLatest(1000));
    const hits = index.search(['wallet'], 100);
    expect(hits.length).toBe(50);
    expect(hits.every((h) => h.conversationId > 6500)).toBe(true);

    index.put(9000, [reply(90_000, 9000, 'Wallet limits rise after KYC.', 'wallet limit')]);
    expect(index.search(['wallet'], 100).map((h) => h.conversationId)).toContain(9000);
    index.put(9000, []);
    expect(index.search(['wallet'], 100).map((h) => h.conversationId)).not.toContain(9000);
  });
});

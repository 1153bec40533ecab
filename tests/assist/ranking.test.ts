import { describe, expect, it } from 'vitest';
import { Ranker } from '../../src/server/domain/assist/ranking.js';

const macro = (id: string, en: string, category: 'refund' | null = null) => ({ id, shortcut: id, name: id, category, bodies: { en } });

describe('macro ranking', () => {
  it('matches the words of a desk with a single macro (every word of it is in all its macros)', () => {
    const ranker = new Ranker();
    ranker.putMacro(macro('kiwi', 'The kiwi badge is under Rewards.'));
    expect(ranker.rank('where is my kiwi badge', {}, 3).macros[0]).toMatchObject({ id: 'kiwi' });
  });

  it('still finds a macro by its own word when most macros share the others', () => {
    const ranker = new Ranker();
    for (let i = 0; i < 300; i += 1) ranker.putMacro(macro(`wallet-${i}`, `Your wallet balance and refund status ${i}.`, 'refund'));
    ranker.putMacro(macro('kiwi', 'Your wallet kiwi badge is under Rewards.'));
    expect(ranker.rank('wallet balance kiwi badge', {}, 3).macros[0]).toMatchObject({ id: 'kiwi' });

    ranker.removeMacro('kiwi');
    expect(ranker.rank('wallet balance kiwi badge', {}, 3).macros.map((m) => m.id)).not.toContain('kiwi');
  });
});

import { describe, expect, it } from 'vitest';
import { createChecker } from '../../../src/checker.ts';

// The rule counts grams as pairs of key ids, and as joined texts in a sentence
// whose keys hold a space (« 1 000 »); it reads clauses and capitals only where
// the threshold can still be reached (issue #15). These pin what it says.
const checker = createChecker();
const garbled = (text: string) =>
  checker
    .check(text)
    .findings.filter((f) => f.ruleId === 'sentence/garbled')
    .map((f) => f.message);
const filler = (n: number) => Array.from({ length: n }, (_, i) => `mot${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`).join(' ');

describe('garbled-sentence', () => {
  it('counts a repeated pair whose key holds a space (« 1 000 soldats ») and one across a function word', () => {
    const text = `Le général envoya 1 000 soldats puis encore 1 000 soldats vers les négociations de paix et les négociations de paix ${filler(30)}.`;
    const [message] = garbled(text);
    expect(message).toContain('2 groupes de mots répétés');
  });

  it('adds the clause and capital points to a sentence that reaches the threshold with them', () => {
    // 45 words (1 point), one repeated pair (2 points), clauses (1) and a capital mid-sentence (1): 5, the threshold.
    const text = `Le rapport que le comité qui siège dont il parle et que vous lisez qui reste que tout lequel on voit a relevé les accords commerciaux et les accords commerciaux Des ${filler(14)}.`;
    expect(garbled(text)).toEqual(['Phrase confuse, probablement mal traduite (45 mots, 1 groupe de mots répété, 7 propositions enchaînées, majuscule au milieu de la phrase) : à relire en entier.']);
  });

  it('stays silent on a long sentence without repeats', () => {
    expect(garbled(`Le chat ${filler(45)}.`)).toEqual([]);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { DocumentContexts } from '../../../src/web/review/document-context.ts';
import { correctedText } from '../../../src/web/review/document-exports.ts';
import { prepareImport } from '../../../src/web/review/import-document.ts';
import { ReviewService } from '../../../src/web/review/review-service.ts';
import { type ReviewStore } from '../../../src/web/store/review-store.ts';
import { openSqliteStore } from '../../../src/web/store/sqlite-store.ts';
import { checker } from '../helpers/test-app.ts';

/**
 * Issue #15: how many times a change runs the rules, and what it reads. A
 * dialogue whose paragraphs dashes link is one re-check window; its linked
 * neighbours were each re-checked with the same window again (24 runs of
 * 22 ms for one accept on the corpus), and the next place of a word edited
 * away was searched in the text of every sentence (53 ms on 60,000).
 */
const stores: ReviewStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

async function setUp(text: string) {
  const store = openSqliteStore(':memory:');
  stores.push(store);
  const id = await store.documents.createDocument(prepareImport(checker(), { title: 't', sourceName: 't.txt', text, corrections: [] }));
  const service = new ReviewService(store, checker());
  const runs: number[] = [];
  const run = service.rules.run.bind(service.rules);
  service.rules.run = (...args: Parameters<typeof run>) => {
    runs.push(args[0].text.length);
    return run(...args);
  };
  return { store, id, service, runs };
}

/** Every sentence's open findings, one line each, as a fresh import of the current text raises them. */
async function findingLines(store: ReviewStore, id: number): Promise<string[]> {
  const lines: string[] = [];
  for (const s of await store.documents.allSentences(id)) {
    for (const f of (await store.findings.activeFindings([s.id])).get(s.id) ?? []) if (!f.rejected) lines.push(`${s.idx + 1}:${f.start}+${f.length} ${f.ruleId} «${f.text}»`);
  }
  return lines.sort();
}

async function currentText(store: ReviewStore, id: number): Promise<string> {
  return correctedText(store, (await store.documents.getDocument(id))!);
}

async function freshLines(text: string): Promise<string[]> {
  const { store, id } = await setUp(text);
  return findingLines(store, id);
}

// Ten paragraphs of dialogue: each opens with a dash, so each runs on from the one before.
const DIALOGUE = [
  '« Vous viendrez demain ? demanda-t-il.',
  '— Oui, je viendrai avec mon frère.',
  '— Et votre sœur ?',
  '— Elle restera à la maison , dit-elle.',
  '— Alors à demain.',
  '— À demain, répéta-t-il.',
  '— N\u2019oubliez pas les 20 euros.',
  '— Je ne les oublierai pas.',
  '— Très bien.',
  '— Au revoir. »',
].join('\n') + '\n';

describe('the rules run once per window of linked paragraphs (issue #15)', () => {
  it('an edit inside a dialogue runs the rules once, not once per linked paragraph, and leaves the findings of a fresh check', async () => {
    const { store, id, service, runs } = await setUp(DIALOGUE);
    const sentence = (await store.documents.allSentences(id)).find((s) => s.currentText.startsWith('— Et votre'))!;
    await service.edit(sentence, '— Et votre cousine ?', sentence.version);
    // The edited paragraph's window holds the ten paragraphs; its nine linked neighbours were each checked again with it.
    expect(runs).toHaveLength(1);
    expect(runs[0]).toBeGreaterThan(DIALOGUE.length - 20);
    expect(await findingLines(store, id)).toEqual(await freshLines(await currentText(store, id)));
  });

  it('a re-check of many segments runs the rules once per distinct window (switching a rule on again)', async () => {
    const text = `${DIALOGUE}\nUne phrase seule , sans dialogue.\n\nUne autre phrase seule.\n`;
    const { store, id, service, runs } = await setUp(text);
    const finding = (await store.findings.openFindingCounts(id, 'rule_id'));
    const rule = [...finding.keys()].find((r) => r.startsWith('typography/'))!;
    expect(rule).toBeDefined();
    await service.switchRuleOff(id, rule);
    runs.length = 0;
    await service.switchRuleOn(id, rule);
    // Twelve segments (the dialogue's ten, two lone paragraphs), and three windows among them.
    expect((await store.documents.segments(id)).length).toBe(12);
    expect(runs).toHaveLength(3);
    expect(await findingLines(store, id)).toEqual(await freshLines(text));
  });

  it('a change after the window run is not answered with that run: an edit of another paragraph of the dialogue meanwhile', async () => {
    const { store, id, service } = await setUp(DIALOGUE);
    const all = await store.documents.allSentences(id);
    const a = all.find((s) => s.currentText.startsWith('— Et votre'))!;
    const b = all.find((s) => s.currentText.startsWith('— Elle restera'))!;
    // Both changes at once: the second's transaction waits for the first's commit, and the first's neighbours are re-checked after both.
    await Promise.all([service.edit(a, '— Et votre « cousine ?', a.version), service.edit(b, '— Elle restera là, dit-elle.', b.version)]);
    expect(await findingLines(store, id)).toEqual(await freshLines(await currentText(store, id)));
  });
});

describe('the next place of a word edited away (issue #15)', () => {
  it('comes from the word index, not from a search of every sentence, and equals a fresh index', async () => {
    const text = 'Le Zorglub est arrivé hier.\nPersonne ne parle du reste.\nLe Zorglub est reparti.\nLe Zorglub reviendra.\n';
    const { store, id, service } = await setUp(text);
    await service.contexts.get(store, id);
    // On the prototype: a transaction has documents of its own.
    const search = vi.spyOn(Object.getPrototypeOf(store.documents), 'sentencesContaining');
    const first = (await store.documents.getSentence(id, 0))!;
    await service.edit(first, 'Le visiteur est arrivé hier.', first.version);
    expect(search).not.toHaveBeenCalled();
    search.mockRestore();
    const kept = (await service.contexts.get(store, id)).index;
    const rebuilt = (await new DocumentContexts().get(store, id)).index;
    expect(kept.firstSeen.get('Zorglub')).toBe(rebuilt.firstSeen.get('Zorglub'));
    expect(kept.wordCounts.get('Zorglub')).toBe(2);
  });
});

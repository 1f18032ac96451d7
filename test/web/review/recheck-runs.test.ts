import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { splitSentences } from '../../../src/text/segment.ts';
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
const restore: Array<() => void> = [];
afterEach(async () => {
  for (const undo of restore.splice(0)) undo();
  for (const store of stores.splice(0)) await store.close();
});

async function setUp(text: string, count = false) {
  const store = openSqliteStore(':memory:');
  stores.push(store);
  const id = await store.documents.createDocument(prepareImport(checker(), { title: 't', sourceName: 't.txt', text, corrections: [] }));
  const service = new ReviewService(store, checker());
  // Every run of rules, by the length of the text it ran over: all the rules (check) or some (checkPart).
  const runs: number[] = [];
  if (!count) return { store, id, service, runs };
  const check = service.checker.check.bind(service.checker);
  const checkPart = service.checker.checkPart.bind(service.checker);
  const spies = [
    vi.spyOn(service.checker, 'check').mockImplementation((text, options) => (runs.push(text.length), check(text, options))),
    vi.spyOn(service.checker, 'checkPart').mockImplementation((text, rules, options) => (runs.push(text.length), checkPart(text, rules, options))),
  ];
  restore.push(() => spies.forEach((spy) => spy.mockRestore()));
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
    const { store, id, service, runs } = await setUp(DIALOGUE, true);
    const sentence = (await store.documents.allSentences(id)).find((s) => s.currentText.startsWith('— Et votre'))!;
    await service.edit(sentence, '— Et votre cousine ?', sentence.version);
    // The linked neighbours are re-checked after the answer: counted once that is done.
    await service.settled();
    // The edited paragraph's window holds the ten paragraphs; its nine linked neighbours were each checked again with it,
    // every rule over the ten. Now: the rules that read across paragraphs over the ten, once; the others over the edited one.
    expect(runs.filter((length) => length > 60)).toHaveLength(1);
    expect(runs).toHaveLength(2);
    expect(await findingLines(store, id)).toEqual(await freshLines(await currentText(store, id)));
  });

  it('a re-check of many segments runs the rules once per distinct window (switching a rule on again)', async () => {
    const text = `${DIALOGUE}Il partit.\n\nUne phrase seule , sans dialogue.\n\nUne autre phrase seule.\n`;
    const { store, id, service, runs } = await setUp(text, true);
    const finding = (await store.findings.openFindingCounts(id, 'rule_id'));
    const rule = [...finding.keys()].find((r) => r.startsWith('typography/'))!;
    expect(rule).toBeDefined();
    await service.switchRuleOff(id, rule);
    // What switching it off left for after its answer is not counted with switching it on.
    await service.settled();
    runs.length = 0;
    await service.switchRuleOn(id, rule);
    await service.settled();
    // Thirteen segments: the dialogue's ten share one window; « Il partit. » after its closing » has the ten and itself;
    // the two lone paragraphs have one each. Two runs over many paragraphs, where there were eleven.
    expect((await store.documents.segments(id)).length).toBe(13);
    expect(runs.filter((length) => length > 60)).toHaveLength(2);
    expect(await findingLines(store, id)).toEqual(await freshLines(text));
  });

  it('a change after the window run is not answered with that run: an edit of another paragraph of the dialogue meanwhile', async () => {
    const { store, id, service } = await setUp(DIALOGUE);
    const all = await store.documents.allSentences(id);
    const a = all.find((s) => s.currentText.startsWith('— Et votre'))!;
    const b = all.find((s) => s.currentText.startsWith('— Elle restera'))!;
    // Both changes at once: the second's transaction waits for the first's commit, and the first's neighbours are re-checked after both.
    await Promise.all([service.edit(a, '— Et votre « cousine ?', a.version), service.edit(b, '— Elle restera là, dit-elle.', b.version)]);
    await service.settled();
    expect(await findingLines(store, id)).toEqual(await freshLines(await currentText(store, id)));
  });
});

describe('the segments a re-check reads (issue #15)', () => {
  it('a paragraph no quotation links reads two neighbours on each side, not the 20 a quotation may run over', async () => {
    const text = Array.from({ length: 30 }, (_, i) => `Le paragraphe numéro ${['un', 'deux', 'trois'][i % 3]} parle , sans guillemet.`).join('\n') + '\n';
    const { store, id, service } = await setUp(text);
    await service.contexts.get(store, id);
    const reads: number[] = [];
    const between = Object.getPrototypeOf(store.documents).segmentsBetween;
    const spy = vi.spyOn(Object.getPrototypeOf(store.documents), 'segmentsBetween').mockImplementation(async function (this: unknown, documentId: unknown, from: unknown, to: unknown) {
      const found = await between.call(this, documentId, from, to);
      reads.push(found.length);
      return found;
    });
    restore.push(() => spy.mockRestore());
    const sentence = (await store.documents.getSentence(id, 15))!;
    await service.edit(sentence, sentence.currentText.replace(' ,', ','), sentence.version);
    await service.settled();
    expect(reads).toEqual([7]);
    expect(await findingLines(store, id)).toEqual(await freshLines(await currentText(store, id)));
  });

  it('a change writes its own sentence, not its siblings in the paragraph whose findings come out the same', async () => {
    const text = 'Le premier , avec une espace.\nLa phrase une est là , seule. La phrase deux a une faute , ici. La phrase trois , aussi.\nLe dernier.\n';
    const { store, id, service } = await setUp(text);
    await service.contexts.get(store, id);
    const [one, two, three] = (await store.documents.allSentences(id)).filter((s) => s.currentText.startsWith('La phrase'));
    const finding = ((await store.findings.activeFindings([two.id])).get(two.id) ?? []).find((f) => f.suggestions.length > 0)!;
    expect(finding).toBeDefined();
    const written: number[] = [];
    const replace = Object.getPrototypeOf(store.findings).replaceFindings;
    const spy = vi.spyOn(Object.getPrototypeOf(store.findings), 'replaceFindings').mockImplementation(function (this: unknown, ...args: unknown[]) {
      written.push(args[1] as number);
      return replace.apply(this, args);
    });
    restore.push(() => spy.mockRestore());
    await service.accept(two, finding.id, 0, two.version);
    await service.settled();
    expect(written).toEqual([two.id]);
    expect(written).not.toContain(one.id);
    expect(written).not.toContain(three.id);
    expect(await findingLines(store, id)).toEqual(await freshLines(await currentText(store, id)));
  });

  it('a quotation that runs on past the first two neighbours is followed to its end, as far as before', async () => {
    const text = `Il était une fois.\nUn autre paragraphe.\nEncore un.\n${DIALOGUE}Il partit.\n`;
    const { store, id, service } = await setUp(text);
    const sentence = (await store.documents.allSentences(id)).find((s) => s.currentText.startsWith('— Oui'))!;
    // The quotation opened two paragraphs before is closed here: the eight after it now stand outside it.
    await service.edit(sentence, '— Oui, je viendrai avec mon frère. »', sentence.version);
    await service.settled();
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

describe('linked paragraphs re-checked some rules at a time (issue #15)', () => {
  // Words an edit may put in place of another in the dialogue: guillemets (the quotation's state), figures and units, a name.
  const WORDS = ['«', '»', '« oui »', '20', 'kilomètres', 'Zorglub', 'demain', ''];
  it('leave, after any sequence of edits, the findings of a fresh check of the whole text', async () => {
    const text = `Il était une fois 3 frères.\n${DIALOGUE}Il partit à 20 heures.\n`;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ sentence: fc.nat(), word: fc.nat(), replacement: fc.nat({ max: WORDS.length - 1 }) }), { minLength: 1, maxLength: 5 }), async (steps) => {
        const { store, id, service } = await setUp(text);
        const count = (await store.documents.allSentences(id)).length;
        for (const step of steps) {
          const sentence = (await store.documents.getSentence(id, step.sentence % count))!;
          const words = [...sentence.currentText.matchAll(/[\p{Ll}’']+|[«»]|\d+/gu)].slice(1);
          if (words.length === 0) continue;
          const word = words[step.word % words.length];
          const edited = sentence.currentText.slice(0, word.index) + WORDS[step.replacement] + sentence.currentText.slice(word.index! + word[0].length);
          if (edited.trim() === '' || splitSentences(edited, 0, edited.length).length !== 1) continue;
          await service.edit(sentence, edited, sentence.version);
        }
        // What the edits left for after their answers (linked neighbours, the ripple) is done first.
        await service.settled();
        const current = await currentText(store, id);
        const fresh = prepareImport(checker(), { title: 'f', sourceName: 'f.txt', text: current, corrections: [] }).segments.flatMap((segment) => segment.sentences);
        const sentences = await store.documents.allSentences(id);
        expect(fresh.map((s) => s.text)).toEqual(sentences.map((s) => s.currentText));
        const key = (f: { ruleId: string; start: number; length: number; text: string; suggestions: string[] }) => `${f.ruleId} ${f.start}+${f.length} «${f.text}» → ${JSON.stringify(f.suggestions)}`;
        for (const [i, sentence] of sentences.entries()) {
          expect((await store.findings.activeFindingsFrom(sentence.id, 'relecture')).map(key).sort(), `sentence ${i + 1}: ${sentence.currentText}`).toEqual(fresh[i].findings.map(key).sort());
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 15), seed: Number(process.env.FC_SEED ?? 1515), endOnFailure: true },
    );
  });
});

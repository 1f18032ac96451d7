import { afterEach, describe, expect, it } from 'vitest';
import { ReviewService } from '../../../src/web/review/review-service.ts';
import { prepareImport } from '../../../src/web/review/import-document.ts';
import { openDatabase } from '../../../src/web/store/open-database.ts';
import { ReviewStore } from '../../../src/web/store/review-store.ts';
import { checker } from '../helpers/test-app.ts';

const stores: ReviewStore[] = [];
afterEach(() => stores.splice(0).forEach((store) => store.close()));

function setUp(text: string) {
  const store = new ReviewStore(openDatabase(':memory:'));
  stores.push(store);
  const id = store.createDocument(prepareImport(checker(), { title: 't', sourceName: 't.txt', text, corrections: [] }));
  return { store, id, service: new ReviewService(store, checker()) };
}

const guillemets = (store: ReviewStore, id: number) =>
  store.allSentences(id).flatMap((s) => store.activeFindings([s.id]).get(s.id)!.filter((f) => f.ruleId === 'typography/guillemets').map((f) => `${s.idx + 1} «${f.text}»`));

describe('a re-check after an edit covers the whole paragraph', () => {
  // Regression: the edited sentence used to be checked alone, so a pair of
  // guillemets opened in one sentence and closed in the next was reported as
  // two unpaired ones as soon as either sentence was edited.
  it('keeps guillemets paired across two sentences through an edit of either', () => {
    const { store, id, service } = setUp('Il a dit « Bonjour. Nous partons » ce soir.\n');
    expect(store.allSentences(id).map((s) => s.currentText)).toEqual(['Il a dit « Bonjour. ', 'Nous partons » ce soir.']);
    expect(guillemets(store, id)).toEqual([]);
    const second = store.getSentence(id, 1)!;
    service.edit(second, 'Nous partons » demain soir.', second.version);
    expect(guillemets(store, id)).toEqual([]);
    const first = store.getSentence(id, 0)!;
    service.edit(first, 'Il a répondu « Bonjour.', first.version);
    expect(guillemets(store, id)).toEqual([]);
  });

  it('updates the findings of the other sentences of the paragraph, not only the edited one', () => {
    const { store, id, service } = setUp('Il a dit « Bonjour. Nous partons ce soir.\nUne autre ligne.\n');
    expect(guillemets(store, id)).toEqual(['1 ««»']);
    const second = store.getSentence(id, 1)!;
    service.edit(second, 'Nous partons » ce soir.', second.version);
    // The « of sentence 1 is closed by the edit of sentence 2.
    expect(guillemets(store, id)).toEqual([]);
    // Undo brings it back, on sentence 1, where it is.
    service.undo(store.getSentence(id, 1)!, second.version + 1);
    expect(guillemets(store, id)).toEqual(['1 ««»']);
  });

  it('records who made each decision: the local user, until team mode', () => {
    const { store, id, service } = setUp('Le ministre a répondu.\n');
    const sentence = store.getSentence(id, 0)!;
    service.edit(sentence, 'Le ministre a enfin répondu.', sentence.version);
    expect(store.history(sentence.id).map((d) => [d.kind, d.actor])).toEqual([['edit', 'local']]);
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/web/store/open-database.ts';
import { MIGRATIONS } from '../../../src/web/store/migrations.ts';
import { ReviewStore, VersionConflict } from '../../../src/web/store/review-store.ts';
import { ReviewService } from '../../../src/web/review/review-service.ts';
import { prepareImport } from '../../../src/web/review/import-document.ts';
import { correctedText } from '../../../src/web/review/document-exports.ts';
import { checker, removeDir } from '../helpers/test-app.ts';

const TEXT = 'Mark Routte a parlé. Routte a répété.\r\nLe ministre Pistorius a répondu.\r\n';
const dirs: string[] = [];
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'relecture-store-'));
  dirs.push(dir);
  return join(dir, 'review.db');
}
afterEach(() => dirs.splice(0).forEach(removeDir));

function importText(store: ReviewStore): number {
  return store.createDocument(prepareImport(checker(), { title: 'Test', sourceName: 't.txt', text: TEXT, corrections: [{ from: 'Routte', to: 'Rutte' }] }));
}

describe('review store', () => {
  it('migrates a new database once and records the schema version', () => {
    const file = tempDb();
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    const again = openDatabase(file);
    expect(again.prepare('SELECT COUNT(*) AS n FROM schema_version').get()).toEqual({ n: MIGRATIONS.length });
    again.close();
  });

  it('keeps everything across a restart (close and reopen the file)', () => {
    const file = tempDb();
    let store = new ReviewStore(openDatabase(file));
    const id = importText(store);
    let service = new ReviewService(store, checker());
    const first = store.getSentence(id, 0)!;
    const finding = store.activeFindings([first.id]).get(first.id)!.find((f) => f.ruleId === 'corrections/editor')!;
    service.accept(first, finding.id, 0, first.version);
    service.propagate(id, 'Routte', 'Rutte', [1], true);
    service.edit(store.getSentence(id, 2)!, 'Le ministre Boris Pistorius a répondu.', 1);
    const before = correctedText(store, store.getDocument(id)!);
    store.close();

    store = new ReviewStore(openDatabase(file));
    service = new ReviewService(store, checker());
    expect(correctedText(store, store.getDocument(id)!)).toBe(before);
    expect(before).toBe('Mark Rutte a parlé. Rutte a répété.\r\nLe ministre Boris Pistorius a répondu.\r\n');
    expect(store.history(store.getSentence(id, 0)!.id).map((d) => d.kind)).toEqual(['accept']);
    expect(store.history(store.getSentence(id, 1)!.id).map((d) => d.kind)).toEqual(['accept', 'propagate']);
    expect(store.listCorrections(id).map((c) => [c.from, c.to])).toEqual([['Routte', 'Rutte']]);
    expect(store.progress(id)).toMatchObject({ total: 3, reviewed: 3 });
    // The in-memory document index is rebuilt from the stored text after a restart.
    service.undo(store.getSentence(id, 2)!, 2);
    expect(store.getSentence(id, 2)!.currentText).toBe('Le ministre Pistorius a répondu.');
    store.close();
  });

  it('refuses a save with a stale version', () => {
    const store = new ReviewStore(openDatabase(tempDb()));
    const id = importText(store);
    const service = new ReviewService(store, checker());
    const sentence = store.getSentence(id, 2)!;
    service.edit(sentence, 'Première version.', sentence.version);
    expect(() => service.edit(sentence, 'Version périmée.', sentence.version)).toThrow(VersionConflict);
    expect(() => store.updateSentenceText(sentence.id, sentence.version, 'x', 0, 1)).toThrow(VersionConflict);
    expect(store.getSentence(id, 2)!.currentText).toBe('Première version.\r\n'.replace('\r\n', ''));
    store.close();
  });

  it('stores nothing when an import fails half way', () => {
    const store = new ReviewStore(openDatabase(tempDb()));
    const prepared = prepareImport(checker(), { title: 'T', sourceName: 't', text: TEXT, corrections: [] });
    // A duplicate correction breaks the UNIQUE constraint after the sentences were inserted.
    prepared.corrections = [{ from: 'a', to: 'b' }, { from: 'a', to: 'c' }];
    (store as unknown as { upsertCorrection: () => void }).upsertCorrection = () => {
      throw new Error('disk full');
    };
    expect(() => store.createDocument(prepared)).toThrow('disk full');
    expect(store.countDocuments()).toBe(0);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM sentences').get()).toEqual({ n: 0 });
    store.close();
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { readerWarning } from '../../../src/formats/reader-warning.ts';
import { MAX_STORED_WARNINGS, VersionConflict, type NewDocument, type NewFinding, type ReviewStore } from '../../../src/web/store/review-store.ts';
import { freshTotals, keptTotals } from '../helpers/fresh-totals.ts';

/**
 * What every implementation of the review store must do, as one suite:
 * `describeStoreContract('SQLite', async () => openSqliteStore(':memory:'))`.
 * `open` gives a fresh, empty, migrated store; the suite closes it. It needs
 * no rule pack and no Grammalecte, so a PostgreSQL implementation reuses it as is.
 */
export function describeStoreContract(name: string, open: () => Promise<ReviewStore>): void {
  describe(`the review store contract: ${name}`, () => {
    const opened: ReviewStore[] = [];
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
    });
    const fresh = async () => {
      const store = await open();
      opened.push(store);
      return store;
    };

    const finding = (ruleId: string, start: number, text: string, extra: Partial<NewFinding> = {}): NewFinding => ({
      ruleId,
      source: 'relecture',
      category: 'fluency/spelling',
      severity: 'minor',
      message: `m ${ruleId}`,
      start,
      length: text.length,
      text,
      suggestions: ['fix'],
      ...extra,
    });

    /** Two segments: the first with two sentences, the second with one; findings on each. */
    const document = (extra: Partial<NewDocument> = {}): NewDocument => ({
      title: 'Sample',
      sourceName: 'sample.txt',
      format: 'text',
      skeleton: { gaps: ['', '\r\n\r\n', '\r\n'] },
      words: 9,
      segments: [
        {
          externalId: '1',
          line: 1,
          sentences: [
            { text: 'Mark Routte a parlé. ', refWords: 4, findings: [finding('corrections/editor', 5, 'Routte'), finding('style/x', 12, 'parlé', { category: 'style', severity: 'info' })] },
            { text: 'Le 100% des _alliés_.', refWords: 4, findings: [] },
          ],
        },
        { externalId: '3', line: 3, source: 'The minister answered.', notes: ['a note'], state: 'translated', sentences: [{ text: 'Le ministre a répondu.', refWords: 4, findings: [finding('grammalecte:x', 3, 'ministre', { source: 'grammalecte', category: 'fluency/grammar', severity: 'major' })] }] },
      ],
      corrections: [{ from: 'Routte', to: 'Rutte', note: 'name' }],
      ...extra,
    });

    const lines = async (store: ReviewStore, sentenceId: number) => ((await store.findings.activeFindings([sentenceId])).get(sentenceId) ?? []).map((f) => `${f.start} «${f.text}» ${f.ruleId} ${f.source}${f.rejected ? ' rejected' : ''}`);

    it('keeps a document of segments and sentences, with its format, languages and skeleton', async () => {
      const store = await fresh();
      const id = await store.documents.createDocument(document({ sourceLanguage: 'en', targetLanguage: 'fr' }));
      expect(await store.documents.countDocuments()).toBe(1);
      expect(await store.documents.getDocument(id)).toMatchObject({ id, title: 'Sample', sourceName: 'sample.txt', words: 9, format: 'text', sourceLanguage: 'en', targetLanguage: 'fr', grammar: false, grammarError: null });
      expect(await store.documents.getSkeleton(id)).toEqual({ gaps: ['', '\r\n\r\n', '\r\n'] });
      const segments = await store.documents.segments(id);
      expect(segments.map((s) => [s.externalId, s.idx, s.sourceText, s.originalTarget, s.currentTarget, s.version, s.notes, s.state, s.line])).toEqual([
        ['1', 0, null, 'Mark Routte a parlé. Le 100% des _alliés_.', 'Mark Routte a parlé. Le 100% des _alliés_.', 1, null, null, 1],
        ['3', 1, 'The minister answered.', 'Le ministre a répondu.', 'Le ministre a répondu.', 1, ['a note'], 'translated', 3],
      ]);
      const sentences = await store.documents.allSentences(id);
      expect(sentences.map((s) => [s.idx, s.paragraph, s.segmentId, s.currentText, s.version, s.openFindings, s.reviewed])).toEqual([
        [0, 0, segments[0].id, 'Mark Routte a parlé. ', 1, 2, false],
        [1, 0, segments[0].id, 'Le 100% des _alliés_.', 1, 0, false],
        [2, 1, segments[1].id, 'Le ministre a répondu.', 1, 1, false],
      ]);
      expect((await store.documents.segmentSentences(segments[0].id)).map((s) => s.idx)).toEqual([0, 1]);
      const bySegment = await store.documents.sentencesOfSegments([segments[1].id, segments[0].id, segments[1].id + 1000]);
      expect([...bySegment].map(([segment, list]) => [segment, list.map((s) => s.idx)])).toEqual([[segments[1].id, [2]], [segments[0].id, [0, 1]], [segments[1].id + 1000, []]]);
      expect(await store.documents.getSentence(id, 2)).toEqual(sentences[2]);
      expect(await store.documents.getSentenceById(sentences[0].id)).toEqual(sentences[0]);
      expect(await store.documents.getSentence(id, 3)).toBeUndefined();
      expect(await store.documents.getDocument(id + 1)).toBeUndefined();
      expect(await store.documents.listDocuments()).toEqual([expect.objectContaining({ id, title: 'Sample', sentences: 3, reviewed: 0, flagged: 2 })]);
      expect(await store.documents.progress(id)).toEqual({ total: 3, reviewed: 0, flagged: 2 });
      expect(await store.documents.terTotals(id)).toEqual({ edits: 0, refWords: 12 });
      expect((await store.corrections.listCorrections(id)).map((c) => [c.from, c.to, c.note, c.origin])).toEqual([['Routte', 'Rutte', 'name', 'imported']]);
    });

    it('keeps every row of a document bigger than one insert batch, each with its own values and nulls (the statement compiled once, issue #15)', async () => {
      const store = await fresh();
      // 450 segments of one or two sentences: three batches of segments, five of sentences, findings on every third one.
      const segments = Array.from({ length: 450 }, (_, i) => ({
        externalId: `u${i}`,
        line: i % 2 === 0 ? i + 1 : undefined,
        ...(i % 5 === 0 ? { source: `Source ${i}.`, notes: [`note ${i}`], state: 'translated' } : {}),
        sentences: Array.from({ length: 1 + (i % 2) }, (_, j) => ({
          text: `Phrase ${i}.${j}. `,
          refWords: 3 + j,
          findings: (i + j) % 3 === 0 ? [finding(`rule/${i}`, 0, 'Phrase', { suggestions: [`fix ${i}`] })] : [],
          ...(i === 7 ? { findingsLeftOut: { 'rule/x': 3 } } : {}),
        })),
      }));
      const id = await store.documents.createDocument(document({ segments }));
      const stored = await store.documents.segments(id);
      expect(stored.map((s) => [s.externalId, s.idx, s.sourceText, s.currentTarget, s.notes, s.state, s.line])).toEqual(
        segments.map((s, i) => [s.externalId, i, s.source ?? null, s.sentences.map((x) => x.text).join(''), s.notes ?? null, s.state ?? null, s.line ?? null]),
      );
      const sentences = await store.documents.allSentences(id);
      const expected = segments.flatMap((s, i) => s.sentences.map((x) => [stored[i].id, i, x.text, x.refWords, x.findings.length, x.findingsLeftOut ?? {}]));
      expect(sentences.map((s) => [s.segmentId, s.paragraph, s.currentText, s.refWords, s.openFindings, s.findingsLeftOut])).toEqual(expected);
      expect(sentences.map((s) => s.idx)).toEqual(expected.map((_, i) => i));
      const findings = await store.findings.activeFindings(sentences.map((s) => s.id));
      expect(sentences.flatMap((s) => (findings.get(s.id) ?? []).map((f) => [s.idx, f.ruleId, f.suggestions]))).toEqual(
        segments.flatMap((s, i) => s.sentences.flatMap((x) => x.findings.map((f) => [f.ruleId, f.suggestions]))).map((f, k) => [expect.any(Number), ...f]),
      );
      expect(await store.documents.terTotals(id)).toEqual({ edits: 0, refWords: expected.reduce((sum, row) => sum + (row[3] as number), 0) });
    });

    it('keeps what the readers said of the files, the first MAX_STORED_WARNINGS of them with the count; none by default', async () => {
      const store = await fresh();
      const plain = await store.documents.createDocument(document());
      expect(await store.documents.readWarnings(plain)).toEqual({ total: 0, warnings: [] });
      const many = Array.from({ length: MAX_STORED_WARNINGS + 5 }, (_, i) => readerWarning('f.xlf', "unit '{unit}' has an empty target: left out of the review", { unit: `u${i}` }, i + 2));
      const id = await store.documents.createDocument(document({ warnings: [readerWarning('c.tsv', '“{wrong}” repeats line {line}; kept once', { wrong: 'a', line: 1 }), ...many] }));
      const stored = await store.documents.readWarnings(id);
      expect(stored.total).toBe(MAX_STORED_WARNINGS + 6);
      expect(stored.warnings).toHaveLength(MAX_STORED_WARNINGS);
      expect(stored.warnings.slice(0, 2)).toEqual([
        { file: 'c.tsv', template: '“{wrong}” repeats line {line}; kept once', values: { wrong: 'a', line: 1 } },
        { file: 'f.xlf', line: 2, template: "unit '{unit}' has an empty target: left out of the review", values: { unit: 'u0' } },
      ]);
      expect(await store.documents.readWarnings(id + 100)).toEqual({ total: 0, warnings: [] });
    });

    it('adds what a later reader said after the import’s warnings, within the same bound, and counts them all', async () => {
      const store = await fresh();
      const later = readerWarning('later.tsv', '“{wrong}” repeats line {line}; kept once', { wrong: 'b', line: 1 }, 3);
      const plain = await store.documents.createDocument(document());
      await store.documents.addReadWarnings(plain, []);
      expect(await store.documents.readWarnings(plain)).toEqual({ total: 0, warnings: [] });
      await store.documents.addReadWarnings(plain, [later]);
      expect(await store.documents.readWarnings(plain)).toEqual({ total: 1, warnings: [later] });
      const first = readerWarning('f.xlf', "unit '{unit}' has an empty target: left out of the review", { unit: 'u1' }, 2);
      const full = await store.documents.createDocument(document({ warnings: Array.from({ length: MAX_STORED_WARNINGS }, () => first) }));
      await store.documents.addReadWarnings(full, [later, later]);
      const stored = await store.documents.readWarnings(full);
      expect(stored.total).toBe(MAX_STORED_WARNINGS + 2);
      expect(stored.warnings).toHaveLength(MAX_STORED_WARNINGS);
      expect(stored.warnings.at(-1)).toEqual(first);
    });

    it('lists documents newest first and deletes one with everything in it', async () => {
      const store = await fresh();
      const first = await store.documents.createDocument(document({ title: 'First' }));
      const second = await store.documents.createDocument(document({ title: 'Second' }));
      expect((await store.documents.listDocuments()).map((d) => d.title)).toEqual(['Second', 'First']);
      await store.documents.deleteDocument(first);
      expect((await store.documents.listDocuments()).map((d) => d.id)).toEqual([second]);
      expect(await store.documents.allSentences(first)).toEqual([]);
      expect(await store.documents.segments(first)).toEqual([]);
      expect(await store.corrections.listCorrections(first)).toEqual([]);
    });

    it('stores findings with their source, and a re-check of one source keeps the ids of what is still there', async () => {
      const store = await fresh();
      const id = await store.documents.createDocument(document());
      const [first, , third] = await store.documents.allSentences(id);
      expect(await lines(store, first.id)).toEqual(['5 «Routte» corrections/editor relecture', '12 «parlé» style/x relecture']);
      expect((await store.findings.activeFindingsFrom(third.id, 'grammalecte')).map((f) => f.ruleId)).toEqual(['grammalecte:x']);
      const routte = (await store.findings.activeFindingsFrom(first.id, 'relecture'))[0];
      await store.findings.replaceFindings(id, first.id, [finding('corrections/editor', 0, 'Routte'), finding('new/rule', 7, 'a')], 'relecture');
      expect(await lines(store, first.id)).toEqual(['0 «Routte» corrections/editor relecture', '7 «a» new/rule relecture']);
      expect((await store.findings.getFinding(routte.id))!).toMatchObject({ active: true, start: 0 });
      const retired = (await store.decisions.findingsWithDecisions(id)).find((f) => f.ruleId === 'style/x')!;
      expect(retired.active).toBe(false);
      // Another source's re-check leaves these alone.
      await store.findings.replaceFindings(id, first.id, [finding('grammalecte:y', 0, 'Mark', { source: 'grammalecte' })], 'grammalecte');
      expect(await lines(store, first.id)).toEqual(['0 «Mark» grammalecte:y grammalecte', '0 «Routte» corrections/editor relecture', '7 «a» new/rule relecture']);
      await store.findings.moveFinding(routte.id, 1);
      await store.findings.retireFinding((await store.findings.activeFindingsFrom(first.id, 'grammalecte'))[0].id);
      expect(await lines(store, first.id)).toEqual(['1 «Routte» corrections/editor relecture', '7 «a» new/rule relecture']);
      expect(await store.findings.getFinding(999_999)).toBeUndefined();
    });

    it('a re-check that moves many findings writes each its own place, message, fixes and severity, ids kept, in statements of 100 (issue #15)', async () => {
      const store = await fresh();
      const words = Array.from({ length: 130 }, (_, i) => `mot${i}`);
      const id = await store.documents.createDocument({
        ...document(),
        segments: [{ externalId: '1', line: 1, sentences: [{ text: words.join(' '), refWords: words.length, findings: words.map((w, i) => finding(`rule/${i}`, i * 10, w)) }] }],
      });
      const [sentence] = await store.documents.allSentences(id);
      const before = await store.findings.activeFindingsFrom(sentence.id, 'relecture');
      // Every finding moves by one, all but the last get a new message, fix and severity; the last is gone.
      const moved = words.slice(0, 129).map((w, i) => finding(`rule/${i}`, i * 10 + 1, w, { length: w.length + (i % 3), message: `« ${w} » l’autre`, suggestions: [`${w}’`, 'b'], severity: i % 2 ? 'major' : 'minor' }));
      await store.findings.replaceFindings(id, sentence.id, moved, 'relecture');
      const after = await store.findings.activeFindingsFrom(sentence.id, 'relecture');
      expect(after.map((f) => [f.id, f.start, f.length, f.message, f.suggestions, f.severity])).toEqual(
        moved.map((f, i) => [before[i].id, f.start, f.length, f.message, f.suggestions, f.severity]),
      );
      expect((await store.findings.getFinding(before[129].id))!.active).toBe(false);
    });

    it('a live rejection covers its rule and text in the sentence until it is undone; counts follow', async () => {
      const store = await fresh();
      const id = await store.documents.createDocument(document());
      const [first] = await store.documents.allSentences(id);
      const [routte] = await store.findings.activeFindingsFrom(first.id, 'relecture');
      const decision = await store.decisions.addDecision({ documentId: id, sentenceId: first.id, actionId: 'a1', kind: 'reject', findingId: routte.id, ruleId: routte.ruleId, flaggedText: routte.text, reason: 'a name' });
      await store.documents.refreshSentenceState(first.id);
      expect((await store.findings.getFinding(routte.id))!.rejected).toBe(true);
      // A rejection is not a review: only a 'review' decision marks the sentence reviewed (issue #13, defect 4).
      expect(await store.documents.getSentenceById(first.id)).toMatchObject({ openFindings: 1, reviewed: false });
      expect(await store.findings.openFindingCounts(id, 'rule_id')).toEqual(new Map([['style/x', 1], ['grammalecte:x', 1]]));
      expect(await store.findings.openFindingCounts(id, 'severity')).toEqual(new Map([['info', 1], ['major', 1]]));
      expect(await store.documents.progress(id)).toEqual({ total: 3, reviewed: 0, flagged: 2 });
      const report = await store.decisions.findingsWithDecisions(id);
      expect(report.find((f) => f.id === routte.id)).toMatchObject({ sentenceIdx: 0, rejected: true, decision: expect.objectContaining({ id: decision, kind: 'reject', reason: 'a name' }) });
      await store.decisions.markUndone([decision]);
      await store.documents.refreshSentenceState(first.id);
      expect((await store.findings.getFinding(routte.id))!.rejected).toBe(false);
      expect(await store.documents.getSentenceById(first.id)).toMatchObject({ openFindings: 2, reviewed: false });
    });

    it('the header totals are kept by every change, equal to a fresh aggregate, per document (issue #15)', async () => {
      const store = await fresh();
      const id = await store.documents.createDocument(document());
      const other = await store.documents.createDocument(document());
      const same = async () => expect(await keptTotals(store, id)).toEqual(await freshTotals(store, id));
      expect(await keptTotals(store, id)).toEqual({
        sentences: 3,
        reviewed: 0,
        flagged: 2,
        terEdits: 0,
        refWords: 12,
        byCategory: new Map([['fluency/spelling', 1], ['style', 1], ['fluency/grammar', 1]]),
        bySeverity: new Map([['minor', 1], ['info', 1], ['major', 1]]),
        confirmed: [],
      });
      const [first, second, third] = await store.documents.allSentences(id);
      const [routte, parle] = await store.findings.activeFindingsFrom(first.id, 'relecture');
      // A rejection, a review, an accept (its finding then retired by the new text), an edit with its MQM error.
      await store.decisions.addDecision({ documentId: id, sentenceId: first.id, actionId: 'a1', kind: 'reject', findingId: parle.id, ruleId: parle.ruleId, flaggedText: parle.text });
      await store.documents.refreshSentenceState(first.id);
      await same();
      await store.decisions.addDecision({ documentId: id, sentenceId: third.id, actionId: 'a2', kind: 'review' });
      await store.documents.refreshSentenceState(third.id);
      await same();
      await store.withTransaction(async (tx) => {
        await tx.decisions.addDecision({ documentId: id, sentenceId: first.id, actionId: 'a3', kind: 'accept', findingId: routte.id, ruleId: routte.ruleId, flaggedText: 'Routte', replacement: 'Rutte', beforeText: first.currentText, afterText: 'Mark Rutte a parlé. ' });
        await tx.documents.updateSentenceText(first.id, first.version, 'Mark Rutte a parlé. ', 2, 4);
        await tx.findings.replaceFindings(id, first.id, [finding('style/x', 11, 'parlé', { category: 'style', severity: 'info' })], 'relecture', { start: 5, end: 11 });
        await tx.documents.refreshSentenceState(first.id);
      });
      await same();
      const edit = await store.decisions.addDecision({ documentId: id, sentenceId: second.id, actionId: 'a4', kind: 'edit', beforeText: second.currentText, afterText: 'Le 100 % des alliés.' });
      await store.documents.updateSentenceText(second.id, second.version, 'Le 100 % des alliés.', 3, 4);
      await store.documents.refreshSentenceState(second.id);
      await store.decisions.setDecisionMqm(edit, 'style', 'minor');
      await same();
      expect(await store.documents.totals(id)).toMatchObject({ reviewed: 1, terEdits: 5, confirmed: [{ category: 'fluency/spelling', severity: 'minor', n: 1 }, { category: 'style', severity: 'minor', n: 1 }] });
      // Undone, the accept confirms nothing more.
      const accept = (await store.decisions.history(first.id)).find((d) => d.kind === 'accept')!;
      await store.decisions.markUndone([accept.id]);
      await store.documents.refreshSentenceState(first.id);
      await same();
      // The other document's totals never moved.
      expect(await keptTotals(store, other)).toEqual(await freshTotals(store, other));
      expect((await store.documents.totals(other)).flagged).toBe(2);
      await store.documents.deleteDocument(id);
      expect(await store.documents.totals(id)).toMatchObject({ sentences: 0, byCategory: new Map() });
    });

    it('decisions say who made them, keep their order, and undo goes by action', async () => {
      const store = await fresh();
      const id = await store.documents.createDocument(document());
      const [first, second] = await store.documents.allSentences(id);
      const [routte] = await store.findings.activeFindingsFrom(first.id, 'relecture');
      await store.decisions.addDecision({ documentId: id, sentenceId: first.id, actionId: 'a1', kind: 'accept', findingId: routte.id, ruleId: routte.ruleId, flaggedText: 'Routte', replacement: 'Rutte', beforeText: 'x', afterText: 'y' });
      await store.decisions.addDecision({ documentId: id, sentenceId: first.id, actor: 'ana', actionId: 'a2', kind: 'edit', beforeText: 'y', afterText: 'z' });
      await store.decisions.addDecision({ documentId: id, sentenceId: first.id, actor: 'ana', actionId: 'a2', kind: 'propagate', flaggedText: 'a', replacement: 'b' });
      expect((await store.decisions.history(first.id)).map((d) => [d.kind, d.actor, d.actionId])).toEqual([
        ['accept', 'local', 'a1'],
        ['edit', 'ana', 'a2'],
        ['propagate', 'ana', 'a2'],
      ]);
      const last = await store.decisions.lastLiveAction(first.id);
      expect(last.map((d) => d.kind)).toEqual(['edit', 'propagate']);
      expect(await store.decisions.undoable([first.id, second.id])).toEqual(new Set([first.id]));
      await store.decisions.markUndone(last.map((d) => d.id));
      expect((await store.decisions.lastLiveAction(first.id)).map((d) => d.kind)).toEqual(['accept']);
      expect(await store.decisions.acceptedSeverities(id)).toEqual(new Map([['minor', 1]]));
      expect(await store.decisions.undoable([])).toEqual(new Set());
      // The word a reject appended to the project list, for its undo (#14 follow-up); null otherwise.
      await store.decisions.addDecision({ documentId: id, sentenceId: second.id, actionId: 'a3', kind: 'reject', flaggedText: 'Muñoz', addedWord: 'Muñoz' });
      expect((await store.decisions.lastLiveAction(second.id)).map((d) => d.addedWord)).toEqual(['Muñoz']);
      expect((await store.decisions.history(first.id)).map((d) => d.addedWord)).toEqual([null, null, null]);
    });

    it('a save on a stale version is refused and changes nothing; a good one moves the sentence and its segment on', async () => {
      const store = await fresh();
      const id = await store.documents.createDocument(document());
      const [, second] = await store.documents.allSentences(id);
      const saved = await store.documents.updateSentenceText(second.id, 1, 'Tous les alliés.', 3, 3);
      expect(saved).toMatchObject({ currentText: 'Tous les alliés.', originalText: 'Le 100% des _alliés_.', version: 2, terEdits: 3, refWords: 3 });
      const [segment] = await store.documents.segments(id);
      expect(segment).toMatchObject({ currentTarget: 'Mark Routte a parlé. Tous les alliés.', originalTarget: 'Mark Routte a parlé. Le 100% des _alliés_.', version: 2 });
      await expect(store.documents.updateSentenceText(second.id, 1, 'Périmé.', 1, 1)).rejects.toBeInstanceOf(VersionConflict);
      expect((await store.documents.getSentenceById(second.id))!.currentText).toBe('Tous les alliés.');
      expect(await store.documents.terTotals(id)).toEqual({ edits: 3, refWords: 11 });
    });

    it('two saves of one version at the same time: exactly one wins', async () => {
      const store = await fresh();
      const id = await store.documents.createDocument(document());
      const [, second] = await store.documents.allSentences(id);
      const results = await Promise.allSettled(['Un.', 'Deux.'].map((text) => store.withTransaction((tx) => tx.documents.updateSentenceText(second.id, 1, text, 1, 1))));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof VersionConflict)).toHaveLength(1);
      expect((await store.documents.getSentenceById(second.id))!.version).toBe(2);
    });

    it('filters sentences by status, category (with its sub-categories), severity, rule and text, LIKE characters taken literally', async () => {
      const store = await fresh();
      const id = await store.documents.createDocument(document());
      const query = async (filter: Parameters<ReviewStore['documents']['querySentences']>[1], limit = 10, offset = 0) => {
        const { rows, total } = await store.documents.querySentences(id, filter, limit, offset);
        return [rows.map((s) => s.idx), total];
      };
      expect(await query({ status: 'all' })).toEqual([[0, 1, 2], 3]);
      expect(await query({ status: 'all' }, 1, 1)).toEqual([[1], 3]);
      expect(await query({ status: 'flagged' })).toEqual([[0, 2], 2]);
      expect(await query({ status: 'unreviewed' })).toEqual([[0, 1, 2], 3]);
      expect(await query({ status: 'reviewed' })).toEqual([[], 0]);
      expect(await query({ status: 'all', category: 'fluency' })).toEqual([[0, 2], 2]);
      expect(await query({ status: 'all', category: 'fluency/grammar' })).toEqual([[2], 1]);
      expect(await query({ status: 'all', severity: 'info' })).toEqual([[0], 1]);
      expect(await query({ status: 'flagged', rule: 'corrections/editor' })).toEqual([[0], 1]);
      expect(await query({ status: 'all', search: '100%' })).toEqual([[1], 1]);
      expect(await query({ status: 'all', search: '10_%' })).toEqual([[], 0]);
      expect(await query({ status: 'all', search: '_alliés_' })).toEqual([[1], 1]);
      expect((await store.documents.sentencesContaining(id, '%')).map((s) => s.idx)).toEqual([1]);
      expect((await store.documents.sentencesContaining(id, 'Routte')).map((s) => s.idx)).toEqual([0]);
      expect((await store.documents.segmentsBetween(id, 1, 5)).map((s) => [s.idx, s.currentTarget])).toEqual([[1, 'Le ministre a répondu.']]);
      expect((await store.documents.segmentsBetween(id, -1, 1)).map((s) => s.idx)).toEqual([0, 1]);
      // In order, past a sentence and at most so many: how a word's next place is found after its first one is edited away.
      expect((await store.documents.sentencesContaining(id, 'e')).map((s) => s.idx)).toEqual([0, 1, 2]);
      expect((await store.documents.sentencesContaining(id, 'e', { after: 0 })).map((s) => s.idx)).toEqual([1, 2]);
      expect((await store.documents.sentencesContaining(id, 'e', { after: 0, limit: 1 })).map((s) => s.idx)).toEqual([1]);
      expect(await store.documents.adjacentFlagged(id, 0, 1)).toBe(2);
      expect(await store.documents.adjacentFlagged(id, 2, -1)).toBe(0);
      expect(await store.documents.adjacentFlagged(id, 2, 1)).toBeUndefined();
    });

    it('corrections: the latest fix of a word wins and keeps its note; removed by id', async () => {
      const store = await fresh();
      const id = await store.documents.createDocument(document());
      await store.corrections.upsertCorrection(id, 'Routte', 'Rütte', null, 'added');
      await store.corrections.upsertCorrection(id, 'Ucraians', 'Ukrainiens', 'MT', 'learned');
      const list = await store.corrections.listCorrections(id);
      expect(list.map((c) => [c.from, c.to, c.note, c.origin])).toEqual([
        ['Routte', 'Rütte', 'name', 'imported'],
        ['Ucraians', 'Ukrainiens', 'MT', 'learned'],
      ]);
      expect(await store.corrections.getCorrection(id, list[1].id)).toEqual(list[1]);
      await store.corrections.removeCorrection(id, list[0].id);
      expect((await store.corrections.listCorrections(id)).map((c) => c.from)).toEqual(['Ucraians']);
      expect(await store.corrections.getCorrection(id + 1, list[1].id)).toBeUndefined();
    });

    it('corrections: an upsert answers with the entry as stored (its id stays when its fix changes)', async () => {
      const store = await fresh();
      const id = await store.documents.createDocument(document());
      const added = await store.corrections.upsertCorrection(id, 'Ucraians', 'Ukrainiens', null, 'added', 'rita');
      expect(added).toMatchObject({ documentId: id, from: 'Ucraians', to: 'Ukrainiens', note: null, origin: 'added', actor: 'rita' });
      const changed = await store.corrections.upsertCorrection(id, 'Ucraians', 'Ukrainiens !', 'MT', 'learned');
      expect(changed).toMatchObject({ id: added.id, to: 'Ukrainiens !', note: 'MT' });
      expect(await store.corrections.getCorrection(id, added.id)).toEqual(changed);
    });

    it('jobs: recorded with their items, advanced chunk by chunk (counts added up), finished, listed while running; gone with their document', async () => {
      const store = await fresh();
      const id = await store.documents.createDocument(document());
      const other = await store.documents.createDocument(document());
      const jobId = '00000000-0000-4000-8000-000000000001';
      const created = await store.jobs.createJob({ id: jobId, documentId: id, kind: 'propagate', params: { from: 'Routte', to: 'Rutte' }, items: [3, 1, 2], actor: 'rita' });
      expect(created).toMatchObject({ id: jobId, documentId: id, kind: 'propagate', params: { from: 'Routte', to: 'Rutte' }, items: [3, 1, 2], actor: 'rita', total: 3, done: 0, counts: {}, state: 'running', error: null });
      await store.jobs.createJob({ id: '00000000-0000-4000-8000-000000000002', documentId: other, kind: 'recheck', params: null, items: [], actor: null });
      await store.withTransaction(async (tx) => tx.jobs.advanceJob(jobId, 2, { changed: 2, occurrences: 3 }));
      await store.jobs.advanceJob(jobId, 3, { changed: 1, skipped: 1 });
      expect(await store.jobs.getJob(jobId)).toMatchObject({ done: 3, counts: { changed: 3, occurrences: 3, skipped: 1 }, state: 'running' });
      expect((await store.jobs.runningJobs()).map((j) => j.id)).toEqual([jobId, '00000000-0000-4000-8000-000000000002']);
      expect((await store.jobs.runningJobs(other)).map((j) => j.kind)).toEqual(['recheck']);
      await store.jobs.finishJob(jobId, 'done');
      await store.jobs.finishJob('00000000-0000-4000-8000-000000000002', 'failed', 'the rules failed');
      expect(await store.jobs.runningJobs()).toEqual([]);
      expect(await store.jobs.getJob('00000000-0000-4000-8000-000000000002')).toMatchObject({ state: 'failed', error: 'the rules failed' });
      // A chunk rolled back leaves the job where it was.
      await expect(store.withTransaction(async (tx) => {
        await tx.jobs.advanceJob(jobId, 1, { changed: 5 });
        throw new Error('rolled back');
      })).rejects.toThrow('rolled back');
      expect((await store.jobs.getJob(jobId))!.counts.changed).toBe(3);
      await store.documents.deleteDocument(id);
      expect(await store.jobs.getJob(jobId)).toBeUndefined();
      // After a big write: a no-op or a checkpoint, never an error.
      await store.checkpoint();
    });

    it('decisions: the sentences an action still has live decisions on', async () => {
      const store = await fresh();
      const id = await store.documents.createDocument(document());
      const [a, b, c] = await store.documents.allSentences(id);
      for (const s of [c, a]) await store.decisions.addDecision({ documentId: id, sentenceId: s.id, actor: 'local', actionId: 'act-1', kind: 'propagate', flaggedText: 'x', replacement: 'y', beforeText: 'x', afterText: 'y' });
      await store.decisions.addDecision({ documentId: id, sentenceId: b.id, actor: 'local', actionId: 'act-2', kind: 'review' });
      expect(await store.decisions.sentencesOfAction(id, 'act-1')).toEqual([a.id, c.id]);
      await store.decisions.markUndone((await store.decisions.history(a.id)).map((d) => d.id));
      expect(await store.decisions.sentencesOfAction(id, 'act-1')).toEqual([c.id]);
      expect(await store.decisions.sentencesOfAction(id + 1, 'act-1')).toEqual([]);
    });

    it('grammar: the backlog (re-checks first, cut at a size), pending counts, and turning it off withdraws open grammar findings', async () => {
      const store = await fresh();
      const off = await store.documents.createDocument(document());
      const on = await store.documents.createDocument(document({ grammar: true }));
      expect((await store.documents.grammarBacklog(1_000_000, 0)).map((s) => [s.documentId, s.idx])).toEqual([[on, 0], [on, 1], [on, 2]]);
      expect((await store.documents.grammarBacklog(5, 0)).map((s) => s.idx)).toEqual([0]);
      for (const s of await store.documents.allSentences(on)) await store.documents.setGrammarVersion(s.id, s.version);
      expect(await store.documents.grammarPending(on)).toBe(0);
      const third = (await store.documents.getSentence(on, 2))!;
      await store.documents.updateSentenceText(third.id, third.version, 'Le ministre répond.', 1, 3);
      await store.settings.setGrammar(off, true);
      expect((await store.documents.grammarBacklog(1_000_000, 0)).map((s) => [s.documentId, s.idx])).toEqual([[on, 2], [off, 0], [off, 1], [off, 2]]);
      expect(await store.documents.grammarPending(on)).toBe(1);

      // Off: the grammar finding nobody acted on goes; one the editor rejected stays, inactive.
      const [grammarOfOff] = await store.findings.activeFindingsFrom((await store.documents.getSentence(off, 2))!.id, 'grammalecte');
      const first = (await store.documents.getSentence(off, 0))!;
      await store.findings.replaceFindings(off, first.id, [finding('grammalecte:z', 0, 'Mark', { source: 'grammalecte' })], 'grammalecte');
      const [decided] = await store.findings.activeFindingsFrom(first.id, 'grammalecte');
      await store.decisions.addDecision({ documentId: off, sentenceId: first.id, actionId: 'r', kind: 'reject', findingId: decided.id, ruleId: decided.ruleId, flaggedText: decided.text });
      await store.settings.setGrammarError(off, 'Grammalecte was killed');
      expect((await store.documents.getDocument(off))!.grammarError).toBe('Grammalecte was killed');
      await store.settings.setGrammar(off, false);
      expect(await store.documents.getDocument(off)).toMatchObject({ grammar: false, grammarError: null });
      expect(await store.findings.getFinding(grammarOfOff.id)).toBeUndefined();
      expect(await store.findings.getFinding(decided.id)).toMatchObject({ active: false });
      expect((await store.documents.getSentence(off, 2))!).toMatchObject({ openFindings: 0, grammarVersion: null });
    });

    it('grammar claims: a claimed sentence is nobody else’s until released or run out', async () => {
      const store = await fresh();
      const on = await store.documents.createDocument(document({ grammar: true }));
      const first = await store.documents.grammarBacklog(5);
      expect(first.map((s) => s.idx)).toEqual([0]);
      // A second pass (another process) takes what is left, never the claimed one.
      expect((await store.documents.grammarBacklog(1_000_000)).map((s) => s.idx)).toEqual([1, 2]);
      expect(await store.documents.grammarBacklog(1_000_000)).toEqual([]);
      expect(await store.documents.grammarPending(on)).toBe(3);
      await store.documents.releaseGrammarClaims(first.map((s) => s.id));
      expect((await store.documents.grammarBacklog(1_000_000, 0)).map((s) => s.idx)).toEqual([0]);
    });

    it('revision: +1 with each bump, per document', async () => {
      const store = await fresh();
      const a = await store.documents.createDocument(document());
      const b = await store.documents.createDocument(document());
      expect(await store.documents.revision(a)).toBe(0);
      expect(await store.withTransaction((tx) => tx.documents.bumpRevision(a))).toBe(1);
      expect(await store.documents.bumpRevision(a)).toBe(2);
      expect(await store.documents.revision(a)).toBe(2);
      expect(await store.documents.revision(b)).toBe(0);
    });

    it('revision inside a transaction: read once while the document is held, it follows the transaction\'s own bumps (issue #15)', async () => {
      const store = await fresh();
      const a = await store.documents.createDocument(document());
      const b = await store.documents.createDocument(document());
      const seen = await store.withTransaction(async (tx) => {
        await tx.documents.lockDocumentForChange(a);
        const read = [await tx.documents.revision(a), await tx.documents.revision(a)];
        read.push(await tx.documents.bumpRevision(a), await tx.documents.revision(a), await tx.documents.bumpRevision(a), await tx.documents.revision(a), await tx.documents.revision(b));
        return read;
      });
      expect(seen).toEqual([0, 0, 1, 1, 2, 2, 0]);
      // Outside it, what was committed: another transaction's bump is seen by the next.
      expect(await store.documents.revision(a)).toBe(2);
      await store.documents.bumpRevision(a);
      expect(await store.withTransaction(async (tx) => { await tx.documents.lockDocumentForChange(a); return tx.documents.revision(a); })).toBe(3);
    });

    it('check failures: what a source failed on replaces what it failed on before, per sentence or for the document', async () => {
      const store = await fresh();
      const id = await store.documents.createDocument(document({ failures: [{ ruleId: 'typography/broken', source: 'relecture', message: 'TypeError' }] }));
      const [first] = await store.documents.allSentences(id);
      await store.findings.replaceCheckFailures(id, first.id, 'grammalecte', [{ ruleId: 'grammalecte', message: 'line 1: IndexError' }]);
      expect((await store.findings.checkFailures(id)).map((f) => [f.sentenceIdx, f.source, f.ruleId, f.message])).toEqual([
        [null, 'relecture', 'typography/broken', 'TypeError'],
        [0, 'grammalecte', 'grammalecte', 'line 1: IndexError'],
      ]);
      await store.findings.replaceCheckFailures(id, first.id, 'grammalecte', []);
      await store.findings.replaceCheckFailures(id, null, 'relecture', []);
      expect(await store.findings.checkFailures(id)).toEqual([]);
    });

    it('finds the sentences of a word in its case forms, the same on both stores (#14 follow-up: LIKE missed MUÑOZ on PostgreSQL, É for é on SQLite)', async () => {
      const store = await fresh();
      const texts = ['Muñoz parle. ', 'Selon MUÑOZ, non. ', 'Un muñoz minuscule. ', 'École fermée. ', 'Une école. ', 'Une ÉCOLE. ', 'Routte dit. ', 'Et routte aussi.'];
      const id = await store.documents.createDocument(document({ segments: [{ externalId: '1', line: 1, sentences: texts.map((text) => ({ text, refWords: 2, findings: [] })) }] }));
      const found = async (needle: string) => (await store.documents.sentencesContaining(id, needle)).map((s) => s.idx);
      // A name stands capitalised or in capitals, never lower-cased.
      expect(await found('Muñoz')).toEqual([0, 1]);
      // A lower-case word also opens a sentence and stands in capitals: non-ASCII capitals too.
      expect(await found('école')).toEqual([3, 4, 5]);
      expect(await found('ÉCOLE')).toEqual([5]);
      // No ASCII folding either: SQLite's LIKE found « routte » for « Routte ».
      expect(await found('Routte')).toEqual([6]);
      expect(await found('routte')).toEqual([6, 7]);
      expect(await found('routte%')).toEqual([]);
    });

    it("a document's ignores: a word or a rule once each, listed in order, removed by the undo of the action that added them, gone with the document", async () => {
      const store = await fresh();
      const id = await store.documents.createDocument(document());
      const other = await store.documents.createDocument(document({ title: 'Other' }));
      expect(await store.ignores.addIgnore(id, 'word', 'Muñoz', 'action-1', 'ana')).toBe(true);
      expect(await store.ignores.addIgnore(id, 'rule', 'style/x', 'action-2')).toBe(true);
      // The same word again changes nothing (its first action keeps it); another document has its own.
      expect(await store.ignores.addIgnore(id, 'word', 'Muñoz', 'action-3')).toBe(false);
      expect(await store.ignores.addIgnore(other, 'word', 'Muñoz', 'action-4')).toBe(true);
      expect((await store.ignores.listIgnores(id)).map((i) => [i.kind, i.value, i.actionId, i.actor])).toEqual([
        ['word', 'Muñoz', 'action-1', 'ana'],
        ['rule', 'style/x', 'action-2', null],
      ]);
      expect((await store.ignores.removeIgnoresOf(id, 'action-3')).length).toBe(0);
      expect((await store.ignores.removeIgnoresOf(id, 'action-1')).map((i) => i.value)).toEqual(['Muñoz']);
      expect((await store.ignores.listIgnores(id)).map((i) => i.value)).toEqual(['style/x']);
      expect((await store.ignores.listIgnores(other)).map((i) => i.value)).toEqual(['Muñoz']);
      // Rolled back with its transaction, like every other write.
      await expect(store.withTransaction(async (tx) => {
        await tx.ignores.addIgnore(id, 'word', 'Begoña', 'action-5');
        throw new Error('rolled back');
      })).rejects.toThrow('rolled back');
      expect((await store.ignores.listIgnores(id)).map((i) => i.value)).toEqual(['style/x']);
      // A rule switched back on from the review page: by kind and value, whichever action added it.
      expect(await store.ignores.removeIgnore(id, 'rule', 'style/y')).toBeUndefined();
      expect((await store.ignores.removeIgnore(id, 'rule', 'style/x'))?.actionId).toBe('action-2');
      expect(await store.ignores.listIgnores(id)).toEqual([]);
      await store.ignores.addIgnore(id, 'rule', 'style/x', 'action-6');
      await store.documents.deleteDocument(id);
      expect(await store.ignores.listIgnores(id)).toEqual([]);
    });

    it('settings: JSON values by key', async () => {
      const store = await fresh();
      expect(await store.settings.getSetting('missing')).toBeUndefined();
      await store.settings.setSetting('grammar.default', { on: true });
      await store.settings.setSetting('grammar.default', { on: false, why: 'slow' });
      expect(await store.settings.getSetting('grammar.default')).toEqual({ on: false, why: 'slow' });
    });

    it('a transaction that throws leaves nothing; one that succeeds keeps everything; a nested one joins it', async () => {
      const store = await fresh();
      const id = await store.documents.createDocument(document());
      await expect(
        store.withTransaction(async (tx) => {
          await tx.corrections.upsertCorrection(id, 'a', 'b', null, 'added');
          await tx.withTransaction((inner) => inner.corrections.upsertCorrection(id, 'c', 'd', null, 'added'));
          throw new Error('disk full');
        }),
      ).rejects.toThrow('disk full');
      expect((await store.corrections.listCorrections(id)).map((c) => c.from)).toEqual(['Routte']);
      await store.withTransaction(async (tx) => {
        await tx.corrections.upsertCorrection(id, 'a', 'b', null, 'added');
        await tx.withTransaction((inner) => inner.corrections.upsertCorrection(id, 'c', 'd', null, 'added'));
      });
      expect((await store.corrections.listCorrections(id)).map((c) => c.from)).toEqual(['Routte', 'a', 'c']);
    });

    it('a failed import stores nothing', async () => {
      const store = await fresh();
      // A finding without its text (NOT NULL) breaks the import after the segments and sentences went in.
      const broken = document();
      (broken.segments[1].sentences[0].findings[0] as { text: unknown }).text = null;
      await expect(store.documents.createDocument(broken)).rejects.toThrow();
      expect(await store.documents.countDocuments()).toBe(0);
      expect(await store.documents.listDocuments()).toEqual([]);
    });

    it('what a transaction wrote is not seen outside it before it commits', async () => {
      const store = await fresh();
      const id = await store.documents.createDocument(document());
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let wrote!: () => void;
      const written = new Promise<void>((resolve) => (wrote = resolve));
      const transaction = store.withTransaction(async (tx) => {
        await tx.corrections.upsertCorrection(id, 'pending', 'x', null, 'added');
        wrote();
        await held;
        throw new Error('rolled back');
      });
      await written;
      // Outside: either it waits for the transaction (SQLite) or it does not see the row (PostgreSQL).
      const outside = store.corrections.listCorrections(id);
      release();
      await expect(transaction).rejects.toThrow('rolled back');
      expect((await outside).map((c) => c.from)).toEqual(['Routte']);
    });
  });
}

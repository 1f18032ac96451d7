import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createChecker } from '../src/checker.ts';
import { appendProjectWord, removeProjectWord } from '../src/project-words.ts';
import { cli, writeIn } from './helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'relecture-words-'));

describe('the project word list in the CLI', () => {
  it('knows the words of .relecture/words.txt (here named by RELECTURE_WORDS)', async () => {
    const text = writeIn(dir, 'w.txt', 'Le ministre a ouvertment critiqué Zorglub.\n');
    const ids = async () => JSON.parse((await cli('check', text, '--format', 'json')).stdout).findings.map((f: { text: string }) => f.text);
    expect(await ids()).toContain('ouvertment');
    process.env.RELECTURE_WORDS = writeIn(dir, 'words.txt', 'ouvertment\n');
    try {
      expect(await ids()).not.toContain('ouvertment');
    } finally {
      delete process.env.RELECTURE_WORDS;
    }
  });
});

describe('removeProjectWord: the undo of « add to dictionary » (#14 follow-up)', () => {
  it('takes away the last line that is the word, and leaves every other byte as it was', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'relecture-words-undo-')), 'words.txt');
    const before = '# noms\r\nMuñoz\n\nBegoña  \nMuñoz\n# fin';
    writeFileSync(path, before);
    expect(removeProjectWord(path, 'Muñoz')).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('# noms\r\nMuñoz\n\nBegoña  \n# fin');
    // A comment or an indented line is not the word's line; a word not there changes nothing.
    expect(removeProjectWord(path, 'noms')).toBe(false);
    expect(removeProjectWord(path, 'Begoña')).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe('# noms\r\nMuñoz\n\nBegoña  \n# fin');
    expect(removeProjectWord(join(path, '..', 'absent.txt'), 'Muñoz')).toBe(false);
  });

  it('appendProjectWord says whether it added the word, so an undo removes only what it wrote', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'relecture-words-add-')), '.relecture', 'words.txt');
    expect(appendProjectWord(path, 'Zorglub')).toBe(true);
    expect(appendProjectWord(path, 'Zorglub')).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe('Zorglub\n');
  });
});

describe('known words in their case forms (#14 follow-up: MUÑOZ kept its finding)', () => {
  const checker = createChecker({ knownWords: ['añejo', 'ouvertment'] });
  const flagged = (text: string, knownWords?: string[]) => checker.check(text, knownWords ? { knownWords } : {}).findings.map((f) => f.text);

  it('a lower-case known word is known capitalised and in capitals, for the project and for a document', () => {
    expect(createChecker().check('Il boit un añejo.\nLE AÑEJO EST SERVI.\nOuvertment, il a répondu.\n').findings.map((f) => f.text)).toEqual(expect.arrayContaining(['añejo', 'AÑEJO', 'Ouvertment']));
    expect(flagged('Il boit un añejo.\nLE AÑEJO EST SERVI.\nOuvertment, il a répondu.\n')).toEqual([]);
    expect(createChecker().check('Selon MUÑOZ, non.\n').findings.map((f) => f.text)).toContain('MUÑOZ');
    expect(flagged('Selon MUÑOZ, non.\n', ['Muñoz'])).not.toContain('MUÑOZ');
  });

  it('a capitalised name is not known lower-cased, and a forgotten word is unknown again', () => {
    const own = createChecker({ knownWords: ['Véloza'] });
    expect(own.check('Un véloza passe.\n').findings.map((f) => f.text)).toContain('véloza');
    own.learnWords(['zorbitude']);
    expect(own.check('La ZORBITUDE gagne.\n').findings.map((f) => f.text)).not.toContain('ZORBITUDE');
    own.forgetWords(['zorbitude']);
    expect(own.check('La zorbitude gagne.\n').findings.map((f) => f.text)).toContain('zorbitude');
  });
});

describe("a check's own known words kept per list (issue #15: a document's ignored words were put in their case forms at every re-check)", () => {
  it('the same list gives the same answers, a new list (the words changed) is read anew', () => {
    const checker = createChecker();
    const flagged = (knownWords: string[]) => checker.check('Selon MUÑOZ, non.\n', { knownWords }).findings.map((f) => f.text);
    const none: string[] = [];
    const muñoz = ['Muñoz'];
    expect(flagged(none)).toContain('MUÑOZ');
    expect(flagged(muñoz)).not.toContain('MUÑOZ');
    expect(flagged(muñoz)).not.toContain('MUÑOZ');
    expect(flagged(none)).toContain('MUÑOZ');
    expect(flagged([...muñoz])).not.toContain('MUÑOZ');
  });
});

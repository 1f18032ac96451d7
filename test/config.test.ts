import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';

const folder = () => mkdtempSync(join(tmpdir(), 'relecture-config-'));

describe('the one configuration (.relecturerc.json and the environment)', () => {
  it('has the defaults of npm start and the CLI when there is neither', () => {
    expect(loadConfig({ cwd: folder(), env: {} })).toEqual({ disable: [], enable: [], database: 'data/relecture.db', host: '127.0.0.1', port: 3000, grammar: true, words: [] });
  });

  it('reads the project word list .relecture/words.txt, or the one RELECTURE_WORDS names', () => {
    const cwd = folder();
    mkdirSync(join(cwd, '.relecture'));
    writeFileSync(join(cwd, '.relecture', 'words.txt'), '# names of the project\nBegoña\n\nCasco Antiguo\n');
    expect(loadConfig({ cwd, env: {} })).toMatchObject({ words: ['Begoña', 'Casco', 'Antiguo'], wordsFile: join(cwd, '.relecture', 'words.txt') });
    const other = join(cwd, 'other.txt');
    writeFileSync(other, 'Zorglub\n');
    expect(loadConfig({ cwd, env: { RELECTURE_WORDS: other } }).words).toEqual(['Zorglub']);
    writeFileSync(other, 'Zorglub\nun <mot>\n');
    expect(() => loadConfig({ cwd, env: { RELECTURE_WORDS: other } })).toThrow(/other\.txt:2.*<mot>/);
  });

  it('reads the file of the current folder, and the environment wins over it', () => {
    const cwd = folder();
    writeFileSync(join(cwd, '.relecturerc.json'), JSON.stringify({ disable: ['typography/'], enable: ['typography/house-style/'], database: 'team.db', port: 4000, maxBytes: 1000, grammar: false }));
    expect(loadConfig({ cwd, env: {} })).toMatchObject({ disable: ['typography/'], enable: ['typography/house-style/'], database: 'team.db', port: 4000, maxBytes: 1000, grammar: false, file: join(cwd, '.relecturerc.json') });
    expect(loadConfig({ cwd, env: { RELECTURE_DB: 'env.db', PORT: '0', HOST: '0.0.0.0', RELECTURE_MAX_BYTES: '2000', RELECTURE_GRAMMAR: 'on', DATABASE_URL: 'postgres://x/y' } })).toMatchObject({
      database: 'env.db',
      port: 0,
      host: '0.0.0.0',
      maxBytes: 2000,
      grammar: true,
      databaseUrl: 'postgres://x/y',
    });
    expect(loadConfig({ cwd, env: { RELECTURE_GRAMMAR: 'off' } }).grammar).toBe(false);
    expect(loadConfig({ cwd, env: { RELECTURE_TRUST_PROXY: '1' } }).trustProxy).toBe(1);
    expect(loadConfig({ cwd, env: { RELECTURE_TRUST_PROXY: 'loopback' } }).trustProxy).toBe('loopback');
  });

  it('names the file and the setting for every mistake', () => {
    const cwd = folder();
    const file = join(cwd, 'bad.json');
    const load = (content: string) => {
      writeFileSync(file, content);
      return () => loadConfig({ configPath: file, env: {} });
    };
    expect(load('{"disable": "style"}')).toThrow(`${file}: "disable" must be a list of rule ids or categories`);
    expect(load('{"colour": 1}')).toThrow(`${file}: unknown setting "colour" (known: disable, enable, database, host, port, maxBytes, grammar)`);
    expect(load('{"port": "80"}')).toThrow(`${file}: "port" must be a whole number`);
    expect(load('[1]')).toThrow(`${file}: is not a valid configuration: it must be a JSON object`);
    expect(load('{')).toThrow(`${file}: is not a valid configuration`);
    expect(() => loadConfig({ cwd, env: { PORT: 'eighty' } })).toThrow("PORT: must be a whole number, not 'eighty'");
  });
});

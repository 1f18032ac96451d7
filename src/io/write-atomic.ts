import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.ts';
import { withPath } from './read-input.ts';

/**
 * Writes `data` to `path` so that `path` is either the old file or the whole new
 * one, never a part: a temporary file in the same folder, fsynced, then renamed
 * over it (and the folder fsynced, so the rename itself survives a power cut).
 * Bug: `apply -o` wrote in place: killed mid-write it left an empty or cut file,
 * and with a file-size limit `apply big.txt -o big.txt` cut the input to 2 MB.
 * An existing output that is not a regular file (/dev/full, a FIFO) is refused:
 * renaming over it would replace the device.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  let mode = 0o666;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) throw new InputError(path, `is not a regular file: -o writes a file (without -o, the text goes to standard output)`);
    mode = stats.mode & 0o7777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw withPath(error, path);
  }
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temporary, 'wx', mode);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temporary);
    } catch {
      // It was never created, or is gone already.
    }
    // The temporary name is ours, not the user's: errors name the output.
    throw withPath(error, path, true);
  }
  try {
    const folder = openSync(dirname(path), 'r');
    try {
      fsyncSync(folder);
    } finally {
      closeSync(folder);
    }
  } catch {
    // Some file systems cannot fsync a folder; the file itself is safe.
  }
}

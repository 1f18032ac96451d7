import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { InputError } from '../errors.ts';
import { formatBytes } from '../text/decode-input.ts';

/** The name `-` stands for standard input, as in most command-line tools. */
export const STANDARD_INPUT = '-';

/**
 * The bytes of a regular file, or of standard input for `-`, never more than
 * `maxBytes`. Bug: `check /dev/zero` read without limit (11.6 GB after 40 s), a
 * FIFO without a writer hung, a folder said `undefined: is a folder`. A device,
 * FIFO or socket is now refused from its type, before it is opened; a file is
 * read no further than the limit, even if it grows meanwhile.
 */
export function readInput(path: string, maxBytes: number, readStandardInput: () => Buffer = () => readFd(0, 'standard input', maxBytes)): Buffer {
  if (path === STANDARD_INPUT) return readStandardInput();
  const stats = statSync(path);
  if (stats.isDirectory()) throw new InputError(path, 'is a folder, not a file');
  if (!stats.isFile()) throw new InputError(path, `is not a regular file (a device, a pipe or a socket): give a file, or ${STANDARD_INPUT} to read standard input`);
  if (stats.size > maxBytes) throw new InputError(path, `is ${formatBytes(stats.size)}, over the limit of ${formatBytes(maxBytes)}`);
  const fd = openSync(path, 'r');
  try {
    // The file may have been swapped for something else since the stat above.
    if (!fstatSync(fd).isFile()) throw new InputError(path, 'is not a regular file');
    return readFd(fd, path, maxBytes);
  } catch (error) {
    throw withPath(error, path);
  } finally {
    closeSync(fd);
  }
}

/** Reads to the end, refusing past `maxBytes`. */
export function readFd(fd: number, name: string, maxBytes: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, maxBytes + 1 - total));
    let read: number;
    try {
      read = readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      // A non-blocking standard input (a terminal, some pipes) has nothing yet: wait a moment.
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
        continue;
      }
      throw error;
    }
    if (read === 0) break;
    total += read;
    if (total > maxBytes) throw new InputError(name, `is over the limit of ${formatBytes(maxBytes)}`);
    chunks.push(chunk.subarray(0, read));
  }
  return Buffer.concat(chunks, total);
}

/** An I/O error that names the file it was about (write and read errors on a descriptor do not). */
export function withPath(error: unknown, path: string, replace = false): unknown {
  if (error && typeof error === 'object' && 'code' in error && (replace || !(error as NodeJS.ErrnoException).path)) (error as NodeJS.ErrnoException).path = path;
  return error;
}

const ERRNO_MESSAGES: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'the name is too long',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large (over the file-size limit)',
  EROFS: 'read-only file system',
  EIO: 'input/output error',
  EBUSY: 'the file is busy',
  EMFILE: 'too many open files',
  ENXIO: 'no such device',
  EINVAL: 'invalid argument',
};

/** One line for any system I/O error: the file, and what went wrong in words. */
export function describeIoError(error: NodeJS.ErrnoException): string | undefined {
  if (typeof error.code !== 'string' || !/^E[A-Z]+$/.test(error.code)) return undefined;
  const what = ERRNO_MESSAGES[error.code] ?? `${error.code} (${(error.message.split(/[,\n]/)[0] ?? '').trim()})`;
  return `${error.path ?? (error as { dest?: string }).dest ?? 'input/output'}: ${what}`;
}

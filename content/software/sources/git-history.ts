// {{fn}}: the last commits that touched a {{site}} page, for the "{{panel}}" panel.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

const REPO_DIR = process.env.REPO_DIR ?? '{{repo}}';
const MAX_LIMIT = {{max}};
// Fields are separated by the ASCII unit separator (%x1f in the format string).
const FIELD_SEP = '\x1f';

export interface Commit {
  hash: string;
  author: string;
  /** Author date, strict ISO 8601. */
  date: string;
  subject: string;
}

export async function {{fn}}(filePath: string, limit: number): Promise<Commit[]> {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new RangeError(`limit must be an integer between 1 and ${MAX_LIMIT}`);
  }

  const args = [
    // Treat the path literally: no globs and no ":(top)"-style pathspec magic.
    '--literal-pathspecs',
    'log',
    `--max-count=${limit}`,
    '--format=%H%x1f%an%x1f%aI%x1f%s',
    // Everything after "--" is a path, so a name like "--output=x" cannot become an option.
    '--',
    filePath,
  ];

  let stdout: string;
  try {
    ({ stdout } = await execFileAsync('git', args, {
      cwd: REPO_DIR,
      timeout: {{timeout_ms}},
      maxBuffer: {{buffer_mb}} * 1024 * 1024,
      encoding: 'utf8',
    }));
  } catch (error) {
    // execFile's error carries git's stderr; it is the useful part of the message.
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`git log failed for ${filePath}: ${stderr || String(error)}`, { cause: error });
  }

  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      // The subject is the last field, so a stray separator inside it is joined back.
      const [hash, author, date, ...subject] = line.split(FIELD_SEP);
      return { hash, author, date, subject: subject.join(FIELD_SEP) };
    });
}

// Notes:
// - git runs without a shell and the path comes after "--", so a hostile filePath can
//   neither run commands nor smuggle in git options.
// - A path with no history (or one git does not track) gives an empty list; a path
//   outside the repository makes git fail, which rejects with git's message.
// - Newest first is git log's default order, so no sorting is needed.

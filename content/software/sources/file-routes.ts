// Download and delete routes for {{what}}. A user can only reach files inside
// {{env}}/<userId>/.
import { Router, type NextFunction, type Request, type Response } from 'express';
import { createReadStream } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

const {{env}} = path.resolve(process.env.{{env}} ?? './{{dir}}');

const CONTENT_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Resolves `name` inside the user's folder, or returns null if it would leave it. */
function resolveUserFile(userId: string, name: string): string | null {
  const userDir = path.join({{env}}, userId);
  const target = path.resolve(userDir, name);
  // The separator matters: /{{dir}}/{{user}}-evil must not pass as being inside /{{dir}}/{{user}}.
  return target.startsWith(userDir + path.sep) ? target : null;
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

export const {{router}} = Router();

{{router}}.get('/{{route}}/:name', async (req: Request, res: Response, next: NextFunction) => {
  const filePath = resolveUserFile(String(req.user!.id), req.params.name);
  if (filePath === null) {
    res.status(400).json({ error: 'Invalid file name' });
    return;
  }

  let size: number;
  try {
    const info = await stat(filePath);
    if (!info.isFile()) {
      res.status(404).json({ error: 'File not found' });
      return;
    }
    size = info.size;
  } catch (error) {
    if (isNotFound(error)) {
      res.status(404).json({ error: 'File not found' });
    } else {
      next(error);
    }
    return;
  }

  // attachment() also guesses a Content-Type, so set ours after it.
  res.attachment(path.basename(filePath));
  res.setHeader(
    'Content-Type',
    CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream',
  );
  res.setHeader('Content-Length', size);
  try {
    await pipeline(createReadStream(filePath), res);
  } catch (error) {
    // pipeline() has already destroyed both streams: the file is closed and the client sees
    // a cut connection instead of a truncated body that looks complete.
    console.warn(`download of ${filePath} failed: ${(error as Error).message}`);
  }
});

{{router}}.delete('/{{route}}/:name', async (req: Request, res: Response, next: NextFunction) => {
  const filePath = resolveUserFile(String(req.user!.id), req.params.name);
  if (filePath === null) {
    res.status(400).json({ error: 'Invalid file name' });
    return;
  }

  try {
    await unlink(filePath);
    res.status(204).end();
  } catch (error) {
    if (isNotFound(error)) {
      res.status(404).json({ error: 'File not found' });
    } else {
      next(error);
    }
  }
});

// Summary:
// - Names are resolved against the user's own folder and rejected with 400 if the result
//   falls outside it; that covers "..", absolute paths and encoded "%2e%2e%2f" (Express
//   decodes route params before we see them).
// - Files are streamed with pipeline(), which closes the file if the client disconnects.
// - Symlinks inside an upload folder are followed; the brief puts them out of scope.

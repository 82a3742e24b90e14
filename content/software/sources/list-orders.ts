// GET /api/{{version}}/{{table}}: paginated {{one}} history for the signed-in {{owner_noun}}.
import { Router, type NextFunction, type Request, type Response } from 'express';
import { pool } from './db';

const DEFAULT_PAGE_SIZE = {{page_size}};
const MAX_PAGE_SIZE = {{max}};
// Column names cannot be bound as $n parameters, so ORDER BY only ever sees these.
const SORTABLE_COLUMNS = new Set(['{{date}}', '{{amount}}']);

interface ListParams {
  page: number;
  pageSize: number;
  sort: string;
  order: 'ASC' | 'DESC';
}

/** Returns the parsed value, the fallback when absent, or null when invalid. */
function parsePositiveInt(raw: unknown, fallback: number): number | null {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw)) return null;
  const value = Number(raw);
  return Number.isSafeInteger(value) && value >= 1 ? value : null;
}

/** Validates the query string; returns the parameters or an error message for a 400. */
function parseListParams(query: Request['query']): ListParams | string {
  const page = parsePositiveInt(query.page, 1);
  if (page === null) return 'page must be a positive integer';

  const pageSize = parsePositiveInt(query.pageSize, DEFAULT_PAGE_SIZE);
  if (pageSize === null || pageSize > MAX_PAGE_SIZE) {
    return `pageSize must be an integer between 1 and ${MAX_PAGE_SIZE}`;
  }

  const sort = query.sort ?? '{{date}}';
  if (typeof sort !== 'string' || !SORTABLE_COLUMNS.has(sort)) {
    return 'sort must be one of: {{date}}, {{amount}}';
  }

  const order = query.order ?? 'desc';
  if (order !== 'asc' && order !== 'desc') return 'order must be asc or desc';

  return { page, pageSize, sort, order: order === 'asc' ? 'ASC' : 'DESC' };
}

export const {{table}}Router = Router();

{{table}}Router.get('/api/{{version}}/{{table}}', async (req: Request, res: Response, next: NextFunction) => {
  const params = parseListParams(req.query);
  if (typeof params === 'string') {
    res.status(400).json({ error: params });
    return;
  }

  // requireAuth runs before this router, so req.user is always set here.
  const {{owner_var}} = req.user!.id;
  const offset = (params.page - 1) * params.pageSize;

  try {
    const [pageResult, countResult] = await Promise.all([
      pool.query(
        `SELECT id, {{status}}, {{amount}}, currency, {{date}}
           FROM {{table}}
          WHERE {{owner}} = $1
          ORDER BY ${params.sort} ${params.order}, id ${params.order}
          LIMIT $2 OFFSET $3`,
        [{{owner_var}}, params.pageSize, offset],
      ),
      pool.query('SELECT count(*)::int AS total FROM {{table}} WHERE {{owner}} = $1', [{{owner_var}}]),
    ]);

    res.json({
      items: pageResult.rows,
      page: params.page,
      pageSize: params.pageSize,
      total: countResult.rows[0].total,
    });
  } catch (err) {
    next(err);
  }
});

// Notes:
// - `sort` and `order` are checked against fixed allow-lists before they reach ORDER BY;
//   every other value is a bound parameter.
// - `id` breaks ties, so rows with equal sort keys keep a stable order across pages.
// - The page and the count run in parallel; under concurrent inserts `total` can be off by
//   the rows added between the two reads, which is acceptable for a history view.

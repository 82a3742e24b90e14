// Zod compiles fast object parsers with `new Function` unless told not to; in the browser that is
// an eval the Content-Security-Policy refuses (a violation on every page with a schema). Imported
// first by the root route, so it runs before any route module builds a schema, on server and client.
import { z } from "zod";

z.config({ jitless: true });

// Errors the models throw when a request cannot be served as asked. They say what was wrong in
// words a person can act on; the routes turn them into HTTP answers (app/utils/http.server.ts),
// so the models never build a Response.

/** Something the viewer named does not exist or is out of their sight (the answer does not say which). */
export class NotFoundError extends Error {
  override name = "NotFoundError";
}

/** Input that is well-formed but not acceptable; `field` names the input that was wrong. */
export class InvalidInputError extends Error {
  override name = "InvalidInputError";
  constructor(
    readonly field: string | null,
    message: string,
  ) {
    super(message);
  }
}

/** The request conflicts with the current state (e.g. the thing already moved on). */
export class ConflictError extends Error {
  override name = "ConflictError";
}

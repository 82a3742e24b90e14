// Checks for the CSV reader: last field without a trailing newline, escaped quotes, CRLF, an empty
// last field, the line of an unterminated quote, and readCsvFile over a stand-in file handle
// (size limit before reading, the handle closed on every path, field-count mismatches).
import type { CheckSuite } from "~/domain/proof/format";

const suite: CheckSuite = ({ test, load, assert, params }) => {
  const parse = String(params.parse);
  const read = String(params.read);
  const limit = Number(params.mb) * 1024 * 1024;
  /** A node:fs/promises stand-in serving one file; records whether the handle was closed. */
  const fsWith = (content: string, size = content.length) => {
    const state = { closed: 0, read: 0 };
    const handle = {
      stat: async () => ({ size }),
      readFile: async () => { state.read++; return content; },
      close: async () => { state.closed++; },
    };
    return { state, module: { open: async () => handle } };
  };

  test("the last field is read when the file has no trailing newline", () => {
    const doc = load({ "node:fs/promises": fsWith("").module });
    assert.deepEqual(doc[parse](`${params.ex_a},${params.ex_b}`), [[String(params.ex_a), String(params.ex_b)]]);
    assert.deepEqual(doc[parse]('a,"b c"'), [["a", "b c"]]);
  });

  test("escaped quotes, embedded commas and newlines stay inside the field", () => {
    const doc = load({ "node:fs/promises": fsWith("").module });
    assert.deepEqual(doc[parse]('"say ""hi"", ok",2\n'), [['say "hi", ok', "2"]]);
    assert.deepEqual(doc[parse]('"a\nb",c\n'), [["a\nb", "c"]]);
  });

  test("CRLF line endings end rows; a trailing newline adds no row", () => {
    const doc = load({ "node:fs/promises": fsWith("").module });
    assert.deepEqual(doc[parse](`${params.key},${params.note}\r\n1,x\r\n`), [[String(params.key), String(params.note)], ["1", "x"]]);
  });

  test("a last row ending in an empty field is kept", () => {
    const doc = load({ "node:fs/promises": fsWith("").module });
    assert.deepEqual(doc[parse](`${params.key},${params.note}\n${params.ex_id},`), [[String(params.key), String(params.note)], [String(params.ex_id), ""]]);
  });

  test("an unterminated quote names the 1-based line where it opened", () => {
    const doc = load({ "node:fs/promises": fsWith("").module });
    assert.throws(() => doc[parse]('"open'), /line 1$/);
    assert.throws(() => doc[parse]('a\nb,"open\nmore'), /line 2$/);
  });

  test("readCsvFile returns records keyed by the header and closes the file", async () => {
    const fs = fsWith(`\uFEFF${params.key},${params.note}\n7,x\n`);
    const doc = load({ "node:fs/promises": fs.module });
    assert.deepEqual(await doc[read]("in.csv"), [{ [String(params.key)]: "7", [String(params.note)]: "x" }]);
    assert.equal(fs.state.closed, 1);
  });

  test("an oversized file is refused before reading, and the handle is still closed", async () => {
    const fs = fsWith("a\n1\n", limit + 1);
    const doc = load({ "node:fs/promises": fs.module });
    await doc[read]("big.csv").then(() => { throw new Error("accepted an oversized file"); }, (e: Error) => {
      assert.ok(/limit/.test(e.message), `unexpected error: ${e.message}`);
    });
    assert.equal(fs.state.read, 0);
    assert.equal(fs.state.closed, 1, "the handle was not closed");
  });

  test("a record with the wrong number of fields fails the import", async () => {
    const fs = fsWith(`${params.key},${params.note}\n7\n`);
    const doc = load({ "node:fs/promises": fs.module });
    await assert.rejects(doc[read]("short.csv"), /Record 1 has 1 fields, expected 2/);
  });
};
export default suite;

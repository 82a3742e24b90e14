import { describe, expect, it } from "vitest";
import { cleanProblem, judgeModelEdit, judgeVariant } from "./judge";

const pass = { name: "a", ok: true, message: "" };
const fail = { name: "b", ok: false, message: "expected 4, got 5" };

describe("judging a variant from what its checks observed", () => {
  it("a failing check proves a behavioural flaw; all passing leaves it unproven", () => {
    expect(judgeVariant({ checks: [pass, fail] }, undefined)).toEqual({ kind: "check-failed", check: "b", message: "expected 4, got 5" });
    expect(judgeVariant({ checks: [pass] }, undefined)).toMatchObject({ kind: "unproven", message: expect.stringMatching(/changes nothing the checks observe/) });
  });

  it("a declared error must match; an undeclared document error is not a proof", () => {
    expect(judgeVariant({ checks: [], documentError: "line 3: syntax error at or near \"X\"" }, { error: "syntax error" })).toEqual({ kind: "error", message: 'line 3: syntax error at or near "X"' });
    expect(judgeVariant({ checks: [], documentError: "line 3: permission denied" }, { error: "does not exist" }).kind).toBe("unproven");
    expect(judgeVariant({ checks: [], documentError: "line 3: boom" }, undefined)).toMatchObject({ kind: "unproven", message: expect.stringMatching(/declare proof: \{ error/) });
    expect(judgeVariant({ checks: [{ name: "c", ok: false, message: "TypeError: sleep is not a function" }] }, { error: "is not a function" }).kind).toBe("error");
  });

  it("a flawed text that does not compile is reported as such, even though its checks fail", () => {
    const sawSyntaxError = { name: "b", ok: false, message: "SyntaxError: the document does not compile: x.ts:4: ']' expected." };
    expect(judgeVariant({ checks: [sawSyntaxError], compileError: "x.ts:4: ']' expected." }, undefined)).toEqual({ kind: "does-not-compile", message: "x.ts:4: ']' expected." });
    expect(judgeVariant({ checks: [], compileError: "x.ts:4: ']' expected." }, { error: "expected" }).kind).toBe("does-not-compile");
    expect(judgeModelEdit({ checks: [], compileError: "x.ts:4: ']' expected." }).kind).toBe("does-not-compile");
    expect(cleanProblem({ checks: [], compileError: "x.ts:1: oops" })).toBe("the clean text does not compile: x.ts:1: oops");
  });

  it("a stopped run proves nothing and says why", () => {
    expect(judgeVariant({ checks: [], stopped: "stopped: still running after 20 s (time limit)" }, undefined)).toEqual({ kind: "unproven", message: "stopped: still running after 20 s (time limit)" });
  });

  it("the clean text must pass every check", () => {
    expect(cleanProblem({ checks: [pass] })).toBeNull();
    expect(cleanProblem({ checks: [pass, fail] })).toBe('the clean text fails check "b": expected 4, got 5');
    expect(cleanProblem({ checks: [], documentError: "line 1: x" })).toBe("the clean document fails: line 1: x");
  });
});

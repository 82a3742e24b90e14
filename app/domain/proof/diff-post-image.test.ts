import { describe, expect, it } from "vitest";
import { mainModule, postImages } from "./diff-post-image";

const route = `diff --git a/src/routes/items.ts b/src/routes/items.ts
index 1111111..2222222 100644
--- a/src/routes/items.ts
+++ b/src/routes/items.ts
@@ -1,4 +1,5 @@
 import { db } from "../db";
-const PAGE = 20;
+const LIMIT = 20;
+const MAX = 100;

 export const list = () => db.all(LIMIT);
`;

const testHunk = `diff --git a/src/routes/items.test.ts b/src/routes/items.test.ts
index 3333333..4444444 100644
--- a/src/routes/items.test.ts
+++ b/src/routes/items.test.ts
@@ -18,3 +18,6 @@ describe("GET /api/items", () => {
   it("lists", () => {});
+
+  it("pages", () => {});
 });
`;

describe("the post-image of a pull request's diff", () => {
  it("rebuilds a file shown whole as the module it becomes: context and added lines, no removed ones", () => {
    const [image] = postImages(route);
    expect(image).toEqual({
      file: "src/routes/items.ts",
      whole: true,
      text: 'import { db } from "../db";\nconst LIMIT = 20;\nconst MAX = 100;\n\nexport const list = () => db.all(LIMIT);',
    });
  });

  it("rebuilds a hunk inside a file as the block its @@ header names, followed by the hunk's new lines", () => {
    const images = postImages(route + testHunk);
    expect(images.map((p) => p.file)).toEqual(["src/routes/items.ts", "src/routes/items.test.ts"]);
    expect(images[1]).toEqual({ file: "src/routes/items.test.ts", whole: false, text: 'describe("GET /api/items", () => {\n  it("lists", () => {});\n\n  it("pages", () => {});\n});' });
  });

  it("the module checks load by default is the first changed module that is not a test", () => {
    expect(mainModule(postImages(testHunk + route))).toMatchObject({ file: "src/routes/items.ts", whole: true });
    expect(mainModule(postImages(testHunk))).toEqual({ error: "the diff changes no TypeScript module (a .ts file that is not a test)" });
  });

  it("a hunk that cannot be rebuilt says which file and why", () => {
    const noContext = testHunk.replace(' describe("GET /api/items", () => {', "");
    expect(postImages(noContext)[0].error).toBe("src/routes/items.test.ts: the hunk at line 18 of the new file does not name the block it sits in (no text after its @@ header), so it cannot be rebuilt from the diff");

    const partialModule = route.replace("@@ -1,4 +1,5 @@", "@@ -7,4 +7,5 @@");
    expect(postImages(partialModule)[0].error).toMatch(/the hunk at line 7 of the new file does not name the block/);
    expect(mainModule(postImages(partialModule))).toEqual({ error: expect.stringContaining("src/routes/items.ts: the hunk at line 7") });

    const twoHunks = route.replace(" export const list", "@@ -30,1 +31,1 @@ function f() {\n export const list");
    expect(postImages(twoHunks)[0].error).toBe("src/routes/items.ts is shown in 2 hunks (at lines 1, 31 of the new file); only a file shown whole or in one hunk can be rebuilt from the diff");

    const garbled = route.replace("+const MAX = 100;", "const MAX = 100;");
    expect(postImages(garbled)[0].error).toBe('line 9 of the diff is inside a hunk of src/routes/items.ts but starts with neither " ", "+" nor "-": "const MAX = 100;"');
  });
});

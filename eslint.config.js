// `npm run lint`. Errors are for likely bugs and the rules of hooks, not for style: formatting is
// left to the editor, so parallel work is never blocked by a nit.
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  // content/ holds the documents under review (flawed on purpose); its check modules are linted.
  { ignores: ["build/", "public/build/", ".cache/", "data/", "node_modules/", "content/**/*", "!content/*/", "!content/*/sources/", "!content/*/sources/*.check.ts", "tests/fixtures/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    plugins: { "react-hooks": reactHooks },
    languageOptions: {
      globals: {
        // Node and the browser: routes run on both sides.
        process: "readonly",
        console: "readonly",
        URL: "readonly",
        URLSearchParams: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        setInterval: "readonly",
        clearInterval: "readonly",
        window: "readonly",
        document: "readonly",
        fetch: "readonly",
        Response: "readonly",
        Request: "readonly",
        Headers: "readonly",
        AbortController: "readonly",
      },
    },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", caughtErrors: "none" }],
      // Types are checked by tsc (npm run typecheck); these overlap with it or are style.
      "no-undef": "off",
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-empty-object-type": "off",
      "no-useless-escape": "off",
    },
  },
);

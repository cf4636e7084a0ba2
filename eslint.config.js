// One linter for the whole repository. The layer rules of DESIGN.md are enforced here and by tsconfig.core.json.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

const nodeBuiltins = [
  "node:*",
  "fs",
  "path",
  "os",
  "net",
  "dgram",
  "child_process",
  "crypto",
  "buffer",
  "events",
];

export default tseslint.config(
  { ignores: ["dist/**", "dev-dist/**", "node_modules/**", "coverage/**", "test-results/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: "module" },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: nodeBuiltins, message: "core/ is platform-free: pass platform services in." },
            {
              group: ["react", "react-dom", "**/app/**", "**/cli/**", "**/transports/**", "**/sim/**"],
              message: "core/ imports nothing above it.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/transports/**/*.ts", "src/sim/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["react", "react-dom", "**/app/**", "**/cli/**"], message: "Imports point down only." },
          ],
        },
      ],
    },
  },
  {
    files: ["src/app/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: [...nodeBuiltins, "**/cli/**"], message: "The app runs in the browser." }] },
      ],
    },
  },
  {
    // One error contract (DESIGN.md "Errors"): what is thrown is a McuFlashError with a code and parameters,
    // and what a person reads comes from src/i18n/locales, never from a literal in the UI.
    files: ["src/**/*.{ts,tsx}"],
    // The ?manifest= install screen still speaks English only: its words move to install.json next.
    ignores: ["src/app/install/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "ThrowStatement > NewExpression[callee.name='Error']",
          message: "Throw a McuFlashError (or subclass) with a code and parameters; the catalogs word it.",
        },
        {
          selector: "JSXText[value=/[A-Za-z\\u4e00-\\u9fff]{2,}/]",
          message: "Words on screen come from the catalogs (src/i18n/locales): use i18n._(key).",
        },
        {
          selector:
            "JSXAttribute[name.name=/^(title|aria-label|placeholder|alt|label|data-label)$/] > Literal[value=/^(?!https?:)[^]*[A-Za-z]{2,}/]",
          message: "Words on screen come from the catalogs (src/i18n/locales): use i18n._(key).",
        },
      ],
    },
  },
  {
    files: ["bin/**/*.js", "scripts/**/*.{js,mjs}"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
);

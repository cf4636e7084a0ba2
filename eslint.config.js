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
  {
    ignores: [
      "dist/**",
      "dev-dist/**",
      "node_modules/**",
      "coverage/**",
      "test-results/**",
      "reports/**",
      ".stryker-tmp/**",
    ],
  },
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
    files: ["bin/**/*.js", "scripts/**/*.{js,mjs}"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
);

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

/** no-restricted-imports for one layer: nothing from the layers named, React only in the app, and no Node
 * built-ins where the layer must run in a browser. */
function layer(files, forbidden, { builtins, react = false } = {}) {
  const patterns = [
    {
      group: forbidden.flatMap((name) => [`**/${name}/**`, `**/${name}/index.js`]),
      message: `Imports point down only: ${files.split("/")[1]}/ may not import ${forbidden.join(", ")}.`,
    },
  ];
  if (!react)
    patterns.push({
      group: ["react", "react-dom", "react/*", "react-dom/*"],
      message: "React is the app's.",
    });
  if (builtins) patterns.push({ group: nodeBuiltins, message: builtins });
  return { files: [files], rules: { "no-restricted-imports": ["error", { patterns }] } };
}

export default tseslint.config(
  {
    ignores: [
      "lib/**",
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
  // Each layer may import only the layers below it (DESIGN.md "Layers"; src/web is the browser layer that the
  // app and the embed share):
  //   app, embed, cli  →  web (browser only)  →  transports, sim  →  core
  layer("src/core/**/*.ts", ["transports", "sim", "web", "app", "embed", "cli"], {
    builtins: "core/ is platform-free: pass platform services in.",
  }),
  layer("src/transports/**/*.ts", ["sim", "web", "app", "embed", "cli"]),
  layer("src/sim/**/*.ts", ["transports", "web", "app", "embed", "cli"]),
  layer("src/web/**/*.ts", ["app", "embed", "cli"], { builtins: "web/ runs in the browser." }),
  layer("src/embed/**/*.ts", ["app", "cli"], { builtins: "The element runs in the browser." }),
  layer("src/app/**/*.{ts,tsx}", ["embed", "cli"], { builtins: "The app runs in the browser.", react: true }),
  layer("src/cli/**/*.ts", ["web", "app", "embed"]),
  {
    files: ["src/app/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // One error contract (DESIGN.md "Errors"): what is thrown is a McuFlashError with a code and parameters,
    // and what a person reads comes from src/i18n/locales, never from a literal in the UI.
    files: ["src/**/*.{ts,tsx}"],
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
    files: ["docs/examples/web-*.js"],
    languageOptions: { globals: { document: "readonly", console: "readonly" } },
  },
  {
    files: ["bin/**/*.js", "scripts/**/*.{js,mjs}", "docs/examples/node-*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
);

// Shared flat ESLint config: each package's eslint.config.js is `export { default } from "@wippy/eslint-config"`.
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/dist/**", "**/.next/**", "**/*.lua"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      // Conventions §8: never `catch (e: any)`, never throw strings.
      "@typescript-eslint/no-explicit-any": "error",
      "no-throw-literal": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
);

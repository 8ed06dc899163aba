import shared from "@wippy/eslint-config";

export default [{ ignores: ["public/**", "next-env.d.ts", ".next/**"] }, ...shared];

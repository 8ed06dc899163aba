// The shared config, minus what a run leaves behind (traces hold minified JS).
import shared from "@wippy/eslint-config";

export default [{ ignores: ["test-results/**", "playwright-report/**", ".run/**", ".auth/**", "app/**"] }, ...shared];

export { default } from "@wippy/eslint-config";

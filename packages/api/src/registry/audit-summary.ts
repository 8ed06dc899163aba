/** How registry entries appear in the audit log (defined with the audit log in @wippy/db). */
export { auditEntry } from "@wippy/db";

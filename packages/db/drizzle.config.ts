import { defineConfig } from "drizzle-kit";

// Migrations are generated into the top-level folder the product brief names, and applied by
// our own migrator (src/migrate.ts), which adds an advisory lock and a "newer than code" check.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/schema/index.ts",
  out: "../../prisma-free-migrations",
});

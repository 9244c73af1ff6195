import { defineConfig } from "drizzle-kit";

// Migrations are generated once from the schema and applied at start to PGlite or PostgreSQL alike.
export default defineConfig({ dialect: "postgresql", schema: "./src/db/schema/index.ts", out: "./drizzle" });

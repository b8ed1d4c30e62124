import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The built UI is served by the .NET server from its wwwroot (see Orchestration.Server.csproj, target BuildWebUi).
// `npm run dev` proxies the API to a locally running `orch serve`.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
  },
  server: {
    proxy: { "/api": { target: process.env.ORCH_URL ?? "http://127.0.0.1:5200", changeOrigin: false } },
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    reporters: ["default", "./src/test/summaryReporter.ts"],
    restoreMocks: true,
  },
});

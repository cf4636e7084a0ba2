import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

export default defineConfig({
  root: "src/app",
  publicDir: "public",
  build: { outDir: "../../dist", emptyOutDir: true, target: "es2022" },
  plugins: [react()],
});

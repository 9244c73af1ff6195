export * from "./openai-server.ts";

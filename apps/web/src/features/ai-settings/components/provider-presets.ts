/** Where the usual OpenAI-compatible servers listen, to fill the base URL in one click (the admin can still edit it). */
export const providerPresets = [
  {
    id: "openai",
    label: "OpenAI",
    baseUrl: "https://api.openai.com/v1",
    chatModel: "gpt-4o-mini",
    transcriptionModel: "whisper-1",
    acceptsOgg: true,
  },
  { id: "ollama", label: "Ollama", baseUrl: "http://localhost:11434/v1", chatModel: "llama3.1", transcriptionModel: "", acceptsOgg: false },
  { id: "lmstudio", label: "LM Studio", baseUrl: "http://localhost:1234/v1", chatModel: "", transcriptionModel: "", acceptsOgg: false },
  { id: "vllm", label: "vLLM", baseUrl: "http://localhost:8000/v1", chatModel: "", transcriptionModel: "", acceptsOgg: false },
  { id: "llamacpp", label: "llama.cpp", baseUrl: "http://localhost:8080/v1", chatModel: "", transcriptionModel: "", acceptsOgg: false },
] as const;

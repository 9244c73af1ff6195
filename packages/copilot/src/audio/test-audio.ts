import { readFile } from "node:fs/promises";

/** One second of OGG/Opus silence (230 bytes): what `testProvider()` sends to check a transcription endpoint. */
export function loadTestAudio(): Promise<Uint8Array> {
  return readFile(new URL("./fixtures/silence-1s.ogg", import.meta.url)).then((buffer) => new Uint8Array(buffer));
}

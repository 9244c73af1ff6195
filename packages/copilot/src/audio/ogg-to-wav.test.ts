import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { encodeWav, isOggAudio, oggOpusToWav, wavSampleRate } from "./ogg-to-wav.ts";

// silence-1s.ogg: a hand-built Ogg Opus stream (OpusHead, OpusTags, 50 TOC-only 20 ms CELT packets, pre-skip 312), so the
// decoder runs on a real container without shipping a recording.
const fixture = async () => new Uint8Array(await readFile(new URL("./fixtures/silence-1s.ogg", import.meta.url)));

function ascii(bytes: Uint8Array, from: number, length: number): string {
  return String.fromCharCode(...bytes.slice(from, from + length));
}

describe("oggOpusToWav", () => {
  it("decodes an Ogg Opus file to 16-bit mono 16 kHz PCM WAV", async () => {
    const { wav, durationSeconds } = await oggOpusToWav(await fixture());
    const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
    expect(ascii(wav, 0, 4)).toBe("RIFF");
    expect(ascii(wav, 8, 4)).toBe("WAVE");
    expect(view.getUint16(20, true)).toBe(1); // PCM
    expect(view.getUint16(22, true)).toBe(1); // mono
    expect(view.getUint32(24, true)).toBe(wavSampleRate);
    expect(view.getUint16(34, true)).toBe(16);
    // 50 frames × 960 samples − 312 pre-skip at 48 kHz.
    expect(durationSeconds).toBeCloseTo((50 * 960 - 312) / 48_000, 3);
    expect(view.getUint32(40, true)).toBe(Math.floor((50 * 960 - 312) / 3) * 2);
    expect(view.getUint32(4, true)).toBe(wav.length - 8);
  });

  it("refuses bytes that are not Ogg Opus", async () => {
    await expect(oggOpusToWav(new TextEncoder().encode("not audio at all"))).rejects.toThrow();
  });
});

describe("encodeWav", () => {
  it("clamps and scales float samples to signed 16-bit", () => {
    const wav = encodeWav(new Float32Array([0, 1, -1, 2, 0.5]), 16_000);
    const view = new DataView(wav.buffer);
    expect([0, 1, 2, 3, 4].map((i) => view.getInt16(44 + i * 2, true))).toEqual([0, 32767, -32768, 32767, 16383]);
  });
});

describe("isOggAudio", () => {
  it("recognises OGG by mime type or by its magic bytes", () => {
    expect(isOggAudio("audio/ogg; codecs=opus", new Uint8Array())).toBe(true);
    expect(isOggAudio("application/octet-stream", new TextEncoder().encode("OggS...."))).toBe(true);
    expect(isOggAudio("audio/mpeg", new TextEncoder().encode("ID3...."))).toBe(false);
  });
});

import { OggOpusDecoder } from "ogg-opus-decoder";

/** Whisper-style endpoints resample to 16 kHz mono anyway; sending that keeps uploads a third of 48 kHz. */
export const wavSampleRate = 16_000;

export function isOggAudio(mimeType: string, data: Uint8Array): boolean {
  const type = mimeType.split(";")[0]?.trim().toLowerCase();
  if (type === "audio/ogg" || type === "audio/opus" || type === "application/ogg") return true;
  return data[0] === 0x4f && data[1] === 0x67 && data[2] === 0x67 && data[3] === 0x53; // "OggS"
}

/** Averages channels and decimates 48 kHz → 16 kHz with a 3-sample box filter (enough for speech recognition). */
function toMono16k(channels: Float32Array[], samples: number): Float32Array {
  const ratio = 48_000 / wavSampleRate;
  const out = new Float32Array(Math.floor(samples / ratio));
  for (let i = 0; i < out.length; i++) {
    let sum = 0;
    for (const channel of channels) for (let k = 0; k < ratio; k++) sum += channel[i * ratio + k] ?? 0;
    out[i] = sum / (ratio * channels.length);
  }
  return out;
}

export function encodeWav(pcm: Float32Array, sampleRate: number): Uint8Array {
  const bytes = new Uint8Array(44 + pcm.length * 2);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
  };
  ascii(0, "RIFF");
  view.setUint32(4, 36 + pcm.length * 2, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true); // byte rate
  view.setUint16(32, 2, true); // block align
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, "data");
  view.setUint32(40, pcm.length * 2, true);
  for (let i = 0; i < pcm.length; i++) {
    const sample = Math.max(-1, Math.min(1, pcm[i] ?? 0));
    view.setInt16(44 + i * 2, sample < 0 ? sample * 0x8000 : sample * 0x7fff, true);
  }
  return bytes;
}

/**
 * Decodes WhatsApp's OGG/Opus voice notes to 16-bit PCM WAV (16 kHz mono) for transcription endpoints that do not take
 * OGG. The decoder is WebAssembly embedded in the package, so this works offline.
 */
export async function oggOpusToWav(data: Uint8Array): Promise<{ wav: Uint8Array; durationSeconds: number }> {
  const decoder = new OggOpusDecoder();
  try {
    await decoder.ready;
    const decoded = await decoder.decodeFile(data);
    if (decoded.samplesDecoded === 0) throw new Error("The audio could not be decoded as OGG/Opus.");
    const pcm = toMono16k(decoded.channelData, decoded.samplesDecoded);
    return { wav: encodeWav(pcm, wavSampleRate), durationSeconds: decoded.samplesDecoded / decoded.sampleRate };
  } finally {
    decoder.free();
  }
}

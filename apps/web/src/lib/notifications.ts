import type { KeyValueStore } from "./key-value-store.ts";
import { createPreference, type Preference } from "./preference.ts";

/**
 * Desktop notifications and a short chime for messages that arrive while the tab is hidden. The agent can turn both
 * off; the browser's permission is asked once.
 */
export interface Notifier {
  enabled: Preference<boolean>;
  /** Asks the browser's permission the first time only (call it from a click: some browsers require a gesture). */
  requestPermissionOnce(): void;
  notify(input: { title: string; body: string; tag: string; onClick?: () => void }): void;
}

const ASKED = "papo.notifications.asked";

export function createNotifier({ store }: { store: KeyValueStore }): Notifier {
  const enabled = createPreference<boolean>({
    store,
    key: "papo.notifications",
    parse: (raw) => (raw === "true" ? true : raw === "false" ? false : undefined),
    fallback: () => true,
  });
  const supported = () => typeof window !== "undefined" && "Notification" in window;
  return {
    enabled,
    requestPermissionOnce() {
      if (!supported() || Notification.permission !== "default" || store.getItem(ASKED)) return;
      store.setItem(ASKED, "1");
      void Notification.requestPermission();
    },
    notify({ title, body, tag, onClick }) {
      if (!enabled.get()) return;
      if (supported() && Notification.permission === "granted") {
        const notification = new Notification(title, { body, tag, icon: "/favicon.svg" });
        notification.onclick = () => {
          window.focus();
          onClick?.();
          notification.close();
        };
      }
      playChime();
    },
  };
}

let audio: AudioContext | null = null;

/** Two soft notes made with WebAudio: no sound file to download. Silently does nothing where audio is unavailable. */
export function playChime(): void {
  try {
    if (typeof AudioContext === "undefined") return;
    audio ??= new AudioContext();
    const ctx = audio;
    const start = ctx.currentTime;
    [660, 880].forEach((frequency, i) => {
      const oscillator = ctx.createOscillator();
      const gain = ctx.createGain();
      const at = start + i * 0.12;
      oscillator.type = "sine";
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.15, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.18);
      oscillator.connect(gain).connect(ctx.destination);
      oscillator.start(at);
      oscillator.stop(at + 0.2);
    });
  } catch {
    // Autoplay policies may refuse sound before the first click; the notification still shows.
  }
}

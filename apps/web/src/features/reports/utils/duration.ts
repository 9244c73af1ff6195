/**
 * A duration in seconds as people say it, in the UI's language: "45 s", "12 min", "3 h 20 min", "2 dias 4 h".
 * Two units at most: a supervisor compares magnitudes, and "3 h 20 min 7 s" only adds noise.
 */
const cache = new Map<string, (seconds: number) => string>();

export function formatDuration(seconds: number, locale: string): string {
  let format = cache.get(locale);
  if (!format) {
    const unit = (name: string) => new Intl.NumberFormat(locale, { style: "unit", unit: name, unitDisplay: "short" });
    const [s, m, h, d] = [unit("second"), unit("minute"), unit("hour"), unit("day")];
    format = (value) => {
      const total = Math.max(0, Math.round(value));
      if (total < 60) return s.format(total);
      const minutes = Math.floor(total / 60);
      if (minutes < 60) return m.format(minutes);
      const hours = Math.floor(minutes / 60);
      if (hours < 24) return minutes % 60 ? `${h.format(hours)} ${m.format(minutes % 60)}` : h.format(hours);
      const days = Math.floor(hours / 24);
      return hours % 24 ? `${d.format(days)} ${h.format(hours % 24)}` : d.format(days);
    };
    cache.set(locale, format);
  }
  return format(seconds);
}

import pino, { type DestinationStream, type Logger } from "pino";

interface LoggedRequest {
  method?: string;
  url?: string;
  id?: string;
  ip?: string;
}

/**
 * The process logger. Requests are logged by path only: query strings carry personal data (`?phone=…`), and headers
 * carry tokens and signatures, so neither is written.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    serializers: {
      req: (req: LoggedRequest) => ({ method: req.method, path: req.url?.split("?")[0], id: req.id, ip: req.ip }),
    },
    redact: { paths: ["req.headers", "headers.authorization", 'headers["x-hub-signature-256"]'], censor: "[redacted]" },
  };
  return destination ? pino(options, destination) : pino(options);
}

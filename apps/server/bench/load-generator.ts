import { randomInt } from "node:crypto";
import { Agent, request } from "node:http";
import { inboundMessagePayload, makeWamid, signedWebhook } from "../../../e2e/support/webhooks.ts";

/*
 * The load generator of `npm run bench:intake`, in a process of its own so that making and timing requests does not
 * share an event loop with the server under test. The parent sends one `StepRequest` per rate over IPC and gets a
 * `StepResult` back.
 */

export interface StepRequest {
  url: string;
  appSecret: string;
  rate: number;
  seconds: number;
}

export interface StepResult {
  sent: number;
  acknowledged: number;
  errors: number;
  firstError?: string;
  /** Acknowledgement latency of each 200, in ms, measured from the moment the request was due (open loop). */
  latenciesMs: number[];
  /** Wall time from the first request to the last answer, in ms. */
  elapsedMs: number;
}

const CUSTOMERS = Array.from({ length: 200 }, (_, i) => ({
  from: `55${randomInt(11, 99)}9${String(randomInt(10_000_000, 99_999_999))}`,
  name: ["Lia", "João Conceição", "Zé", "Ana Lúcia", "Márcio", "Iolanda", "Thaís", "Çelik"][i % 8] ?? "Cliente",
}));
const TEXTS = [
  "Olá! Meu pedido já saiu?",
  "Bom dia, gostaria de remarcar a consulta para sexta às 14h 🙏",
  "Recebi a nota fiscal, obrigado! 👍🏽",
  "Qual o prazo de entrega para Niterói? Preciso até o dia 10/07.",
  "Não consegui pagar o boleto, pode mandar o código PIX de novo?",
  "Está tudo certo com a minha reserva? São 2 adultos e 1 criança 👨‍👩‍👦",
];

/** A realistic inbound message: mostly text, some locations and button replies; every wamid unique. */
function nextBody(appSecret: string, sequence: number) {
  const customer = CUSTOMERS[sequence % CUSTOMERS.length] ?? { from: "5511900000001", name: "Lia" };
  const base = { id: makeWamid(customer.from), timestamp: String(Math.floor(Date.now() / 1000)) };
  const kind = sequence % 10;
  const message =
    kind === 8
      ? {
          ...base,
          type: "location",
          location: { latitude: -22.9068, longitude: -43.1729, name: "Loja Centro", address: "Rua da Assembleia, 10 — Rio de Janeiro" },
        }
      : kind === 9
        ? { ...base, type: "interactive", interactive: { type: "button_reply", button_reply: { id: "confirmar", title: "Confirmar ✅" } } }
        : { ...base, type: "text", text: { body: `${TEXTS[sequence % TEXTS.length]} #${sequence}` } };
  return signedWebhook(inboundMessagePayload({ from: customer.from, name: customer.name, message }), appSecret);
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });
let sequence = 0;

function post(url: URL, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: "POST", agent, headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, timeout: 10_000 },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error("timed out after 10 s")));
    req.on("error", reject);
    req.end(body);
  });
}

/** Sends `rate` requests per second for `seconds`, each at its due time whatever the answers do (open loop). */
async function runStep({ url, appSecret, rate, seconds }: StepRequest): Promise<StepResult> {
  const target = new URL("/webhook", url);
  const total = Math.round(rate * seconds);
  const latenciesMs: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  let sent = 0;
  while (sent < total) {
    const dueCount = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate) + 1);
    for (; sent < dueCount; sent++) {
      const due = start + (sent / rate) * 1000;
      const { body, headers } = nextBody(appSecret, sequence++);
      inFlight.push(
        post(target, body, headers).then(
          (status) => {
            if (status === 200) latenciesMs.push(performance.now() - due);
            else {
              errors++;
              firstError ??= `HTTP ${status}`;
            }
          },
          (error: unknown) => {
            errors++;
            firstError ??= error instanceof Error ? error.message : String(error);
          },
        ),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await Promise.all(inFlight);
  return {
    sent,
    acknowledged: latenciesMs.length,
    errors,
    ...(firstError ? { firstError } : {}),
    latenciesMs,
    elapsedMs: performance.now() - start,
  };
}

process.on("message", (step: StepRequest) => {
  runStep(step).then(
    (result) => process.send?.(result),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
process.on("disconnect", () => process.exit(0));
// Ctrl-C reaches the whole process group: the parent decides when this process stops (after the current step).
process.on("SIGINT", () => {});

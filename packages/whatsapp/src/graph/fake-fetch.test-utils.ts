/** A request as the fake Graph API saw it. */
export interface RecordedRequest {
  method: string;
  url: URL;
  headers: Headers;
  /** Text body (JSON calls); `undefined` for GET/DELETE and multipart. */
  body: string | undefined;
  /** Parsed multipart body (uploads). */
  form: FormData | undefined;
}

/**
 * A `fetch` to inject through the client's `fetch` option: records each request and answers with `respond`.
 *
 * @example
 * const meta = createFakeFetch(() => jsonResponse(200, { success: true }));
 * const client = createWhatsAppClient({ accessToken: "t", fetch: meta.fetch });
 */
export function createFakeFetch(respond: (request: RecordedRequest, index: number) => Response | Promise<Response>) {
  const requests: RecordedRequest[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const multipart = request.headers.get("content-type")?.startsWith("multipart/form-data") ?? false;
    const text = multipart ? undefined : await request.text();
    const recorded: RecordedRequest = {
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: text === "" ? undefined : text,
      form: multipart ? await request.formData() : undefined,
    };
    requests.push(recorded);
    return respond(recorded, requests.length - 1);
  };
  return { fetch, requests };
}

/** A JSON answer the way Graph sends it. */
export const jsonResponse = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=UTF-8" } });

/** A `fetch` that never answers until its signal aborts, to exercise `timeoutMs`. */
export const hangingFetch: typeof globalThis.fetch = (_input, init) =>
  new Promise((_resolve, reject) => {
    init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
  });

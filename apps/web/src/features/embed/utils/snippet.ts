/** The HTML a CRM page pastes to show the console, with its token placeholder. */
export function iframeSnippet(embedUrl: string): string {
  return [
    `<iframe id="papo" title="Papo" src="${embedUrl}#token=TOKEN_ASSINADO_PELO_CRM"`,
    `  style="width:100%;height:640px;border:0" allow="clipboard-write"></iframe>`,
    "<script>",
    "  // When Papo asks for a token (the session ended), sign a fresh one on the CRM's server and post it back.",
    '  window.addEventListener("message", async (event) => {',
    `    if (event.origin !== "${new URL(embedUrl).origin}" || event.data?.type !== "papo:token-required") return;`,
    '    const token = await fetch("/papo-token").then((r) => r.text());',
    `    document.getElementById("papo").contentWindow.postMessage({ type: "papo:token", token }, "${new URL(embedUrl).origin}");`,
    "  });",
    "</script>",
  ].join("\n");
}

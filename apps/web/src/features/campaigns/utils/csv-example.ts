/** A file a campaign's CSV upload accepts: the `phone` column, a name, marketing consent, and one variable. */
export const EXAMPLE_CSV = [
  "phone,name,marketing_consent,cupom",
  "+55 11 98765-4321,Lia Souza,sim,LIA10",
  "(21) 99876-5432,Caio Lima,sim,CAIO15",
  "+1 415 555 0100,Ann Lee,yes,ANN20",
].join("\n");

/** Hands the example to the browser as a download. */
export function downloadExampleCsv() {
  const url = URL.createObjectURL(new Blob([`${EXAMPLE_CSV}\n`], { type: "text/csv;charset=utf-8" }));
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = "campanha-exemplo.csv";
  anchor.rel = "noopener";
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

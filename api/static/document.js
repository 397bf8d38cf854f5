// Accept, reject, edit and history on a document's records (needs key.js first).
const message = document.getElementById("message");
async function patch(row, body) {
  const response = await fetch(`/records/${row.dataset.id}`, {
    method: "PATCH",
    headers: {"Content-Type": "application/json", "X-API-Key": apiKey()},
    body: JSON.stringify({version: Number(row.dataset.version), ...body}),
  });
  const data = await response.json();
  if (!response.ok) {
    message.textContent = data.error || `error ${response.status}`;
    if (response.status === 409) { render(row, data.current); }
    return;
  }
  message.textContent = "";
  render(row, data);
}
function render(row, record) {
  row.dataset.version = record.version;
  for (const name of ["intervention", "outcome", "comparator", "cohort_size", "design", "direction"]) {
    row.querySelector(`.f-${name}`).textContent = record[name] ?? "";
  }
  const status = row.querySelector(".status");
  status.textContent = record.status;
  status.className = `status status-${record.status}`;
}
async function showHistory(row) {
  const box = row.querySelector(".history");
  const events = await (await fetch(`/records/${row.dataset.id}/history`)).json();
  box.replaceChildren(...events.map(e => {
    const line = document.createElement("div");
    const changes = Object.entries(e.changes).map(([k, [a, b]]) => `${k}: ${JSON.stringify(a)} → ${JSON.stringify(b)}`).join("; ");
    line.textContent = `${e.at.slice(0, 19)} ${e.curator} ${e.action} ${changes}${e.comment ? " — " + e.comment : ""}`;
    return line;
  }));
  if (!events.length) box.textContent = "no changes yet";
  box.hidden = false;
}
document.getElementById("records").addEventListener("click", event => {
  const row = event.target.closest("tr");
  if (!row || event.target.tagName !== "BUTTON") return;
  if (event.target.classList.contains("accept")) patch(row, {status: "accepted"});
  if (event.target.classList.contains("reject")) patch(row, {status: "rejected"});
  if (event.target.classList.contains("show-history")) showHistory(row);
  if (event.target.classList.contains("edit")) {
    const field = prompt("Field to change (intervention, outcome, comparator, cohort_size, design, direction)", "outcome");
    if (!field) return;
    let value = prompt(`New value for ${field}`, row.querySelector(`.f-${field}`)?.textContent || "");
    if (value === null) return;
    if (field === "cohort_size") value = value === "" ? null : Number(value);
    patch(row, {fields: {[field]: value}, comment: "edited on the curation page"});
  }
});

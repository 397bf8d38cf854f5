// Records on the document page: accept, reject, edit, history, provenance, and the keyboard
// (needs key.js and mentions.js first).
const message = document.getElementById("message");
const rows = Array.from(document.querySelectorAll("#records tbody tr"));
let current = null;

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
  row.querySelector(".review").hidden = !record.needs_review;
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
function edit(row) {
  const field = prompt("Field to change (intervention, outcome, comparator, cohort_size, design, direction)", "outcome");
  if (!field) return;
  let value = prompt(`New value for ${field}`, row.querySelector(`.f-${field}`)?.textContent || "");
  if (value === null) return;
  if (field === "cohort_size") value = value === "" ? null : Number(value);
  patch(row, {fields: {[field]: value}, comment: "edited on the curation page"});
}

function spans(row) {
  return row.dataset.evidence.split(" ").filter(Boolean).map(pair => pair.split("-").map(Number));
}
// Provenance: the record's evidence sentences and the mentions it rests on are marked in the passage.
function select(row) {
  current = row;
  rows.forEach(r => r.classList.toggle("current", r === row));
  const evidence = spans(row);
  const used = new Set(row.dataset.mentions.split(" ").filter(Boolean));
  let first = null;
  for (const piece of passage.querySelectorAll("[data-start]")) {
    const start = Number(piece.dataset.start), end = Number(piece.dataset.end);
    const inside = evidence.some(([a, b]) => a < end && start < b);
    piece.classList.toggle("in-evidence", inside);
    piece.classList.toggle("used", piece.matches("mark.ent") && used.has(piece.dataset.id));
    if (inside && !first) first = piece;
  }
  history.replaceState(null, "", `#${row.id}`);
  row.scrollIntoView({block: "nearest"});
  if (first) first.scrollIntoView({block: "nearest"});
}
function step(by) {
  if (!rows.length) return;
  const index = current ? rows.indexOf(current) + by : (by > 0 ? 0 : rows.length - 1);
  select(rows[Math.max(0, Math.min(rows.length - 1, index))]);
}

document.getElementById("records").addEventListener("click", event => {
  const row = event.target.closest("tr");
  if (!row || !row.dataset.id) return;
  if (event.target.tagName !== "BUTTON") { select(row); return; }
  if (event.target.classList.contains("accept")) patch(row, {status: "accepted"});
  if (event.target.classList.contains("reject")) patch(row, {status: "rejected"});
  if (event.target.classList.contains("show-history")) showHistory(row);
  if (event.target.classList.contains("edit")) edit(row);
});
document.addEventListener("keydown", event => {
  if (event.ctrlKey || event.metaKey || event.altKey || event.target.closest("input, select, textarea, form")) return;
  const actions = {
    j: () => step(1), k: () => step(-1), m: addMentionFromSelection,
    a: () => current && patch(current, {status: "accepted"}),
    r: () => current && patch(current, {status: "rejected"}),
    e: () => current && edit(current),
  };
  if (!actions[event.key]) return;
  event.preventDefault();
  actions[event.key]();
});
const chosen = location.hash && document.getElementById(location.hash.slice(1));
if (chosen && rows.includes(chosen)) select(chosen);

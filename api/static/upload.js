// The upload page: send a file or pasted text to POST /uploads, then follow the job until it ends
// (needs key.js first). Everything the server sends back is shown as text.
const form = document.getElementById("upload-form");
const message = document.getElementById("message");
const POLL_MS = 500;

function item(text, href) {
  const li = document.createElement("li");
  if (href) {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    li.append(a);
  } else {
    li.textContent = text;
  }
  return li;
}

function show(job) {
  document.getElementById("job").hidden = false;
  document.getElementById("job-id").textContent = String(job.id);
  const status = document.getElementById("job-status");
  status.textContent = job.status;
  status.className = `status-${job.status}`;
  const progress = document.getElementById("job-progress");
  progress.max = Math.max(job.total, 1);
  progress.value = job.done + job.failed;
  document.getElementById("job-counts").textContent =
    `${job.done} stored, ${job.failed} failed, ${job.total - job.done - job.failed} to do, of ${job.total}`;
  document.getElementById("job-error").textContent = job.error || "";
  document.getElementById("job-documents").replaceChildren(...job.documents.map(d =>
    item(`${d.name || "document"}${d.created === false ? " (stored before)" : ""}`,
         d.document_id === null ? null : `/ui/documents/${d.document_id}`)));
  document.getElementById("job-failures").replaceChildren(...job.failures.map(f =>
    item(`${f.name || "item " + f.position}: ${f.reason}`)));
}

async function follow(id) {
  while (true) {
    const response = await fetch(`/jobs/${id}`);
    const job = await response.json();
    if (!response.ok) { message.textContent = job.error || `error ${response.status}`; return; }
    show(job);
    if (job.status === "done" || job.status === "failed") return;
    await new Promise(resolve => setTimeout(resolve, POLL_MS));
  }
}

form.addEventListener("submit", async event => {
  event.preventDefault();
  const body = new FormData();
  const file = document.getElementById("upload-file").files[0];
  const text = document.getElementById("paste-text").value;
  if (file) {
    body.append("file", file);
  } else if (text.trim()) {
    body.append("text", text);
    const title = document.getElementById("paste-title").value;
    if (title.trim()) body.append("title", title);
  } else {
    message.textContent = "Choose a file or paste a text first.";
    return;
  }
  message.textContent = "Uploading…";
  const response = await fetch("/uploads", {method: "POST", headers: {"X-API-Key": apiKey()}, body});
  const data = await response.json();
  if (!response.ok) {
    message.textContent = data.error || `error ${response.status}`;
    return;
  }
  message.textContent = "";
  form.reset();
  show(data);
  await follow(data.id);
});

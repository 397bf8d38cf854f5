// Mentions on the document page: add one from the selected text, change its label or norm, remove it
// (needs key.js first). Offsets are counted in code points, as the server counts them.
const passage = document.getElementById("passage");
const mentionForm = document.getElementById("mention-form");
const labelPicker = document.getElementById("mention-label");
const normInput = document.getElementById("mention-norm");
const mentionMessage = document.getElementById("message");
let mentionTarget = null;  // {start, end} for a new mention, or the <mark> being changed

function codePoints(text) { return Array.from(text).length; }

function offsetOf(node, offset) {
  const range = document.createRange();
  range.setStart(passage, 0);
  range.setEnd(node, offset);
  return codePoints(range.toString());
}

function selectedSpan() {
  const selection = window.getSelection();
  if (!selection.rangeCount || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!passage.contains(range.startContainer) || !passage.contains(range.endContainer)) return null;
  const chars = Array.from(passage.textContent);
  let start = offsetOf(range.startContainer, range.startOffset);
  let end = offsetOf(range.endContainer, range.endOffset);
  while (start < end && /\s/.test(chars[start])) start++;
  while (end > start && /\s/.test(chars[end - 1])) end--;
  return end > start ? {start, end, text: chars.slice(start, end).join("")} : null;
}

function openMentionForm(target, text, label, norm) {
  mentionTarget = target;
  document.getElementById("mention-mode").textContent = target instanceof Element ? "Change mention" : "New mention";
  document.getElementById("mention-text").textContent = text;
  document.getElementById("mention-remove").hidden = !(target instanceof Element);
  labelPicker.value = label;
  normInput.value = norm;
  mentionForm.hidden = false;
  labelPicker.focus();
}

function closeMentionForm() {
  mentionForm.hidden = true;
  mentionTarget = null;
}

function addMentionFromSelection() {
  const span = selectedSpan();
  if (!span) {
    mentionMessage.textContent = "select some text in the passage first";
    return;
  }
  openMentionForm({start: span.start, end: span.end}, span.text, labelPicker.value || "DRUG", "");
}

function editMention(mark) {
  const norm = mark.dataset.norm === "{}" ? "" : mark.dataset.norm;
  openMentionForm(mark, mark.textContent, mark.dataset.label, norm);
}

async function sendMention(method, url, body) {
  const response = await fetch(url, {
    method, headers: {"Content-Type": "application/json", "X-API-Key": apiKey()},
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json();
  if (!response.ok) {
    const detail = response.status === 409 && data.current ? ` (now ${data.current.label}, version ${data.current.version}; reload to see it)` : "";
    mentionMessage.textContent = (data.error || `error ${response.status}`) + detail;
    return;
  }
  // The page is drawn on the server; reload it to show the change and the records it flagged.
  const flagged = data.flagged_records.length ? `; ${data.flagged_records.length} pending record(s) flagged for review` : "";
  sessionStorage.setItem("curationMessage", `mention ${method === "DELETE" ? "removed" : "saved"}${flagged}`);
  location.reload();
}

function readNorm() {
  if (!normInput.value.trim()) return {};
  try {
    const norm = JSON.parse(normInput.value);
    if (norm && typeof norm === "object" && !Array.isArray(norm)) return norm;
  } catch (error) { /* reported below */ }
  mentionMessage.textContent = 'the norm must be a JSON object, e.g. {"name": "aspirin"}';
  return null;
}

function saveMention() {
  const norm = readNorm();
  if (norm === null || !mentionTarget) return;
  if (mentionTarget instanceof Element) {
    const mark = mentionTarget;
    sendMention("PATCH", `/mentions/${mark.dataset.id}`, {version: Number(mark.dataset.version), label: labelPicker.value, norm});
  } else {
    const {start, end} = mentionTarget;
    sendMention("POST", `/documents/${passage.dataset.document}/mentions`, {start, end, label: labelPicker.value, norm});
  }
}

function removeMention() {
  if (!(mentionTarget instanceof Element)) return;
  const mark = mentionTarget;
  sendMention("DELETE", `/mentions/${mark.dataset.id}?version=${Number(mark.dataset.version)}`);
}

mentionForm.addEventListener("submit", event => { event.preventDefault(); saveMention(); });
document.getElementById("mention-remove").addEventListener("click", removeMention);
document.getElementById("mention-cancel").addEventListener("click", closeMentionForm);
mentionForm.addEventListener("keydown", event => {
  const inNorm = event.target === normInput;
  if (event.key === "Escape") { closeMentionForm(); }
  else if (!inNorm && /^[1-5]$/.test(event.key)) { labelPicker.selectedIndex = Number(event.key) - 1; }
  else if (event.key === "Enter") { saveMention(); }
  else if (!inNorm && event.key === "Delete") { removeMention(); }
  else return;
  event.preventDefault();
  event.stopPropagation();
});
passage.addEventListener("click", event => {
  const mark = event.target.closest("mark.ent");
  if (mark && window.getSelection().isCollapsed) editMention(mark);
});
passage.addEventListener("keydown", event => {
  const mark = event.target.closest("mark.ent");
  if (mark && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); editMention(mark); }
});
const flash = sessionStorage.getItem("curationMessage");
if (flash) { mentionMessage.textContent = flash; sessionStorage.removeItem("curationMessage"); }

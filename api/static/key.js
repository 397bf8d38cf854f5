// The curator key, kept in this browser's localStorage and sent as X-API-Key.
const keyInput = document.getElementById("api-key");
keyInput.value = localStorage.getItem("evidenceApiKey") || "";
keyInput.addEventListener("change", () => localStorage.setItem("evidenceApiKey", keyInput.value));
function apiKey() { return keyInput.value || localStorage.getItem("evidenceApiKey") || ""; }

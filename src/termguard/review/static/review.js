// termguard review: keyboard-first editing of one catalog entry at a time. Plain JS, no build.
// The server renders every view; this file saves, checks as you type, and moves between entries.
"use strict";

(function () {
  const strings = JSON.parse(document.getElementById("strings").textContent);
  let checkTimer = null;
  let checkSeq = 0;
  let busy = null; // the save in flight, so keys pressed meanwhile wait for it

  const $ = (sel, root) => (root || document).querySelector(sel);
  const entry = () => $("#entry");
  const box = () => $("#msgstr");

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
  }

  function say(text, kind, disk) {
    const el = $("#message");
    if (!el) return;
    el.className = "message " + (kind || "");
    el.textContent = text;
    if (disk !== undefined) {
      const d = document.createElement("span");
      d.className = "disk";
      d.textContent = strings.disk_text + " " + disk;
      el.appendChild(d);
      const again = document.createElement("span");
      again.textContent = strings.save_again;
      el.appendChild(again);
    }
  }

  function dirty() {
    const e = entry();
    return e && box() && box().value !== e.dataset.saved;
  }

  function markDirty() {
    const b = box();
    if (b) b.classList.toggle("dirty", dirty());
  }

  function setStatus(status) {
    const e = entry();
    e.dataset.status = status;
    const badge = $("#status");
    badge.className = "status " + status;
    badge.textContent = strings["status_" + status] || status;
    const row = currentRow();
    if (row) {
      row.classList.remove("untranslated", "draft", "needs-work", "reviewed");
      row.classList.add(status);
      row.dataset.status = status;
    }
  }

  function setFindings(n) {
    const row = currentRow();
    if (!row) return;
    row.dataset.findings = String(n);
    const badge = $(".badge", row);
    if (badge) {
      badge.textContent = String(n);
      badge.hidden = !Number(n);
    }
  }

  function applyReview(data) {
    if (data.review !== undefined) $("#review").innerHTML = data.review;
    if (data.checked !== undefined) $("#checked").innerHTML = data.checked;
    if (data.source !== undefined) $("#source").innerHTML = data.source;
  }

  // ------------------------------------------------------------------ saving

  async function save(action) {
    const e = entry();
    if (!e || !box() || box().readOnly) return false;
    if (busy) await busy;
    const run = (async () => {
      let res;
      try {
        res = await post(e.dataset.save, { msgstr: box().value, action: action, base: e.dataset.base });
      } catch (err) {
        say(strings.failed, "bad");
        return false;
      }
      const data = await res.json().catch(() => ({}));
      if (res.ok) {
        e.dataset.base = data.base;
        e.dataset.saved = data.msgstr;
        if (box().value === data.msgstr) markDirty();
        setStatus(data.status);
        setFindings(data.findings);
        applyReview(data);
        updateCounts(data.counts);
        const word = data.outcome === "unchanged" ? strings.unchanged
          : action === "accept" ? strings.accepted
          : action === "needs-work" ? strings.marked : strings.saved;
        say(word, "ok");
        return true;
      }
      if (data.outcome === "conflict") {
        // the text on disk is shown; a second save is a deliberate choice to replace it
        e.dataset.base = data.base;
        e.dataset.disk = data.msgstr;
        say(strings.conflict + ": " + data.message, "bad", data.msgstr);
        return false;
      }
      say((strings[data.outcome] || strings.invalid) + (data.message ? ": " + data.message : ""), "bad");
      return false;
    })();
    busy = run;
    const ok = await run;
    busy = null;
    return ok;
  }

  function updateCounts(counts) {
    if (!counts) return;
    const share = $("#share");
    if (share) share.textContent = share.textContent.replace(/\d+(\D+)\d+/, counts.reviewed + "$1" + counts.total);
    const total = counts.total || 1;
    const r = 100 * counts.reviewed / total, w = 100 * counts.needs_work / total;
    const d = 100 * counts.draft / total;
    const set = (cls, x, width) => {
      const bar = document.querySelector("#progress .bar." + cls);
      if (bar) { bar.setAttribute("x", x); bar.setAttribute("width", width); }
    };
    set("reviewed", 0, r);
    set("needs-work", r, w);
    set("draft", r + w, d);
  }

  // ------------------------------------------------------------------ checking as you type

  function scheduleCheck() {
    markDirty();
    clearTimeout(checkTimer);
    checkTimer = setTimeout(check, 250);
  }

  async function check() {
    const e = entry();
    if (!e || !box()) return;
    const seq = ++checkSeq;
    const text = box().value;
    let res;
    try {
      res = await post(e.dataset.check, { msgstr: text });
    } catch (err) {
      return;
    }
    if (!res.ok || seq !== checkSeq || entry() !== e) return;
    const data = await res.json();
    applyReview(data);
  }

  // ------------------------------------------------------------------ suggestions

  function useSuggestion(n) {
    const btn = document.querySelector('#suggestions .use[data-n="' + n + '"]');
    const b = box();
    if (!btn || !b || b.readOnly) return;
    const text = btn.dataset.text;
    const checked = $("#checked").textContent;
    if (btn.dataset.whole) {
      b.value = text;
    } else if (btn.dataset.replace && b.value === checked) {
      const start = Number(btn.dataset.start), end = Number(btn.dataset.end);
      b.value = b.value.slice(0, start) + text + b.value.slice(end);
      b.setSelectionRange(start + text.length, start + text.length);
    } else {
      const start = b.selectionStart, end = b.selectionEnd;
      const before = b.value.slice(0, start), after = b.value.slice(end);
      const pad = before && !/\s$/.test(before) ? " " : "";
      b.value = before + pad + text + after;
      const at = (before + pad + text).length;
      b.setSelectionRange(at, at);
    }
    b.focus();
    scheduleCheck();
  }

  // ------------------------------------------------------------------ moving

  function rows() {
    return Array.from(document.querySelectorAll("#rows .row"));
  }

  function currentRow() {
    const e = entry();
    return e ? document.querySelector('#rows .row[data-eid="' + e.dataset.eid + '"]') : null;
  }

  async function go(step, want) {
    const all = rows();
    let i = all.indexOf(currentRow());
    for (;;) {
      i += step;
      if (i < 0 || i >= all.length) {
        say(strings.no_more, "");
        return;
      }
      if (!want || want(all[i])) break;
    }
    await open(all[i]);
  }

  async function open(row) {
    if (dirty() && !(await save("save"))) return; // never leave typed text behind unsaved
    const link = $("a", row);
    const res = await fetch(link.dataset.entry, { credentials: "same-origin" });
    if (!res.ok) return;
    $("#editor").innerHTML = await res.text();
    rows().forEach((r) => r.classList.toggle("current", r === row));
    row.scrollIntoView({ block: "nearest" });
    history.replaceState(null, "", link.getAttribute("href"));
    wire();
    box() && box().focus();
  }

  const unfinished = (r) => r.dataset.status !== "reviewed";
  const withFindings = (r) => Number(r.dataset.findings) > 0;

  // ------------------------------------------------------------------ keys

  document.addEventListener("keydown", (ev) => {
    if (!entry()) return;
    const ctrl = ev.ctrlKey || ev.metaKey;
    let handled = true;
    if (ctrl && ev.key === "Enter") {
      save("accept").then((ok) => ok && go(1, unfinished));
    } else if (ctrl && (ev.key === "s" || ev.key === "S")) {
      save("save");
    } else if (ctrl && (ev.key === "u" || ev.key === "U")) {
      save("needs-work");
    } else if (ctrl && (ev.key === "b" || ev.key === "B")) {
      if (box() && !box().readOnly) {
        box().value = entry().dataset.source;
        scheduleCheck();
      }
    } else if (ev.altKey && !ctrl && /^Digit[1-9]$/.test(ev.code)) {
      useSuggestion(ev.code.slice(5));
    } else if (ctrl && ev.shiftKey && ev.key === "ArrowDown") {
      go(1, unfinished);
    } else if (ctrl && ev.shiftKey && ev.key === "ArrowUp") {
      go(-1, unfinished);
    } else if (ctrl && ev.key === "ArrowDown") {
      go(1);
    } else if (ctrl && ev.key === "ArrowUp") {
      go(-1);
    } else if (ev.key === "F8") {
      go(ev.shiftKey ? -1 : 1, withFindings);
    } else if (ev.key === "Escape") {
      const e = entry();
      box().value = e.dataset.disk !== undefined ? e.dataset.disk : e.dataset.saved;
      say("", "");
      scheduleCheck();
    } else {
      handled = false;
    }
    if (handled) ev.preventDefault();
  });

  function wire() {
    const b = box();
    if (b) b.addEventListener("input", scheduleCheck);
    document.querySelectorAll("#entry [data-action]").forEach((btn) =>
      btn.addEventListener("click", () => save(btn.dataset.action)));
    const copy = $('#entry [data-do="copy"]');
    if (copy) copy.addEventListener("click", () => { b.value = entry().dataset.source; scheduleCheck(); });
  }

  // suggestion buttons are inside #review, which is replaced: one delegated listener
  document.addEventListener("click", (ev) => {
    const btn = ev.target.closest && ev.target.closest("#suggestions .use");
    if (btn) useSuggestion(btn.dataset.n);
    const link = ev.target.closest && ev.target.closest("#rows .row a");
    if (link && !ev.ctrlKey && !ev.metaKey && !ev.shiftKey && ev.button === 0) {
      ev.preventDefault();
      open(link.closest(".row"));
    }
  });

  ["filter-status", "filter-check"].forEach((id) => {
    const el = document.getElementById(id);
    if (el) el.addEventListener("change", () => el.form.submit());
  });

  window.addEventListener("beforeunload", (ev) => {
    if (dirty()) {
      ev.preventDefault();
      ev.returnValue = strings.unsaved;
    }
  });

  wire();
  if (box()) box().focus();
})();

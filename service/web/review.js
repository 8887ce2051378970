/* The reviewers' page: work the exception queue of the bpo-toolkit API.
 *
 * Plain ES2020, no build step, no dependencies. Everything that comes from a document or from the
 * API reaches the DOM through textContent or attributes, never through innerHTML.
 */
"use strict";

(() => {
  // ---------------------------------------------------------------------------------------------
  // Constants

  const KEY_STORAGE = "bpo.review.apiKey";
  const NAME_STORAGE = "bpo.review.name";
  const AUDIT_OPEN_STORAGE = "bpo.review.auditOpen";
  const REFRESH_MS = 15000;
  const LEASE_CHECK_MS = 30000;
  const RENEW_WHEN_LEFT_MS = 4 * 60 * 1000;
  const LOW_CONFIDENCE = 0.8;
  const PAGE_SIZE = 50;
  const DPI = window.devicePixelRatio > 1.25 ? 200 : 100;

  // extractors/model.py FIELDS: every field of each document type, in export order
  const FIELDS = {
    invoice: [
      "vendor_name", "vendor_address", "vendor_tax_id", "customer_name", "customer_address",
      "invoice_number", "invoice_date", "due_date", "purchase_order", "currency", "subtotal",
      "tax_amount", "total_amount", "amount_due", "payment_terms", "bank_account",
    ],
    claim: [
      "claim_number", "payer_name", "patient_name", "patient_dob", "patient_sex", "member_id",
      "insured_name", "group_number", "provider_name", "provider_npi", "billing_tax_id",
      "diagnosis_codes", "total_charge", "amount_paid", "service_date_from", "service_date_to",
    ],
    contract: [
      "contract_title", "parties", "effective_date", "expiration_date", "term", "auto_renewal",
      "renewal_term", "termination_notice_days", "governing_law", "contract_value", "currency",
      "payment_terms", "signatories",
    ],
  };

  // the kind of each field's value (shared/CONTRACT.md, normal forms); anything else is text
  const KINDS = {
    invoice_date: "date", due_date: "date", patient_dob: "date", service_date_from: "date",
    service_date_to: "date", effective_date: "date", expiration_date: "date",
    subtotal: "money", tax_amount: "money", total_amount: "money", amount_due: "money",
    total_charge: "money", amount_paid: "money", contract_value: "money",
    currency: "currency", term: "duration", renewal_term: "duration",
    termination_notice_days: "days", auto_renewal: "boolean",
    diagnosis_codes: "list", parties: "list", signatories: "list",
  };

  const CHECKS = {
    date: [/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD", "YYYY-MM-DD"],
    money: [/^-?\d+\.\d{2}$/, "an amount like 1234.50 (no symbol, no thousands separator)", "0.00"],
    currency: [/^[A-Z]{3}$/, "an ISO 4217 code such as USD or EUR", "USD"],
    duration: [/^P(?=\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$/, "an ISO 8601 duration such as P1Y or P30D", "P1Y"],
    days: [/^\d+$/, "a whole number of days", "30"],
  };

  const LINE_COLUMNS = {
    line_items: ["product_code", "description", "quantity", "unit_price", "amount"],
    service_lines: ["service_date", "procedure_code", "modifiers", "diagnosis_pointer", "units", "charge"],
  };
  const COLUMN_LABELS = {
    product_code: "Item", service_date: "Date", procedure_code: "Code", modifiers: "Mod.",
    diagnosis_pointer: "Dx ptr", unit_price: "Unit price", quantity: "Qty",
  };
  const NUMERIC_COLUMNS = new Set(["quantity", "unit_price", "amount", "units", "charge"]);
  const LINE_META = new Set(["confidence", "page", "bbox"]);
  const ACRONYMS = { id: "ID", npi: "NPI", dob: "DOB", po: "PO" };

  // ---------------------------------------------------------------------------------------------
  // State

  const state = {
    key: null,
    me: null, // our name as the API knows it (learnt from our first lease)
    status: "open",
    tasks: [],
    next: null,
    selectedId: null,
    detail: null, // the open task (TaskDetail)
    mine: false, // we hold its lease
    originals: {}, // field name -> the value as shown when the task was loaded (input string)
    pages: [1],
    page: 1,
    zoom: 1,
    boxesVisible: true,
    images: new Map(), // "doc/page" -> object URL
    openSeq: 0,
    busy: false,
    loadingQueue: false,
    refreshAgain: false,
    queueEpoch: 0,
    audit: [],
  };

  // ---------------------------------------------------------------------------------------------
  // DOM helpers

  const $ = (id) => document.getElementById(id);

  /** An element; `children` are nodes or strings (inserted as text, never parsed as HTML). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "class") node.className = value;
      else if (name === "text") node.textContent = value;
      else if (name === "dataset") Object.assign(node.dataset, value);
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else if (name in node && typeof value !== "string") node[name] = value;
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function humanize(name) {
    const words = String(name).split("_").map((w) => ACRONYMS[w] || w);
    const text = words.join(" ");
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function parseTime(value) {
    if (!value) return null;
    // the API gives microseconds; Date wants at most milliseconds
    return new Date(String(value).replace(/(\.\d{3})\d+/, "$1"));
  }

  const timeFormat = new Intl.DateTimeFormat(undefined, {
    month: "short", day: "numeric", hour: "2-digit", minute: "2-digit",
  });
  const clockFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
  const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

  function fmtTime(value) {
    const d = parseTime(value);
    return d ? timeFormat.format(d) : "";
  }

  function fmtFull(value) {
    const d = parseTime(value);
    return d ? fullFormat.format(d) : "";
  }

  function duration(ms) {
    const minutes = Math.round(Math.abs(ms) / 60000);
    if (minutes < 1) return "<1 min";
    if (minutes < 60) return `${minutes} min`;
    const hours = Math.floor(minutes / 60);
    if (hours < 48) return minutes % 60 && hours < 10 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
    return `${Math.round(hours / 24)} d`;
  }

  function dueText(task) {
    const due = parseTime(task.due_at);
    if (!due) return "";
    const left = due.getTime() - Date.now();
    if (task.status !== "open") return `due ${fmtTime(task.due_at)}`;
    return left < 0 ? `${duration(left)} overdue` : `due in ${duration(left)}`;
  }

  function shortRule(rule, type) {
    return type && rule.startsWith(`${type}.`) ? rule.slice(type.length + 1) : rule;
  }

  function actorName(actor) {
    const m = /\(([^)]*)\)\s*$/.exec(actor || "");
    if (m) return m[1];
    return String(actor || "").replace(/^system:/, "system ");
  }

  function formatValue(value) {
    if (value === null || value === undefined) return "—";
    if (Array.isArray(value)) return value.map(formatValue).join(", ") || "—";
    if (typeof value === "object") {
      return Object.entries(value)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => `${k}: ${formatValue(v)}`)
        .join(" · ");
    }
    const text = String(value);
    // timestamps inside audit values read better in local time
    return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) && !Number.isNaN(parseTime(text).getTime()) ? fmtTime(text) : text;
  }

  // ---------------------------------------------------------------------------------------------
  // The API

  class ApiError extends Error {
    constructor(status, code, detail, body) {
      super(detail);
      this.status = status;
      this.code = code;
      this.body = body || {};
    }
  }

  async function api(method, path, body, { raw = false, signal } = {}) {
    const headers = { Authorization: `Bearer ${state.key}` };
    if (!raw) headers.Accept = "application/json";
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: "no-store",
        signal,
      });
    } catch (error) {
      if (error.name === "AbortError") throw error;
      throw new ApiError(0, "network", "The service cannot be reached. Check your connection and try again.");
    }
    if (!response.ok) {
      let problem = {};
      try {
        problem = await response.json();
      } catch (_) {
        problem = {};
      }
      const detail = problem.detail || problem.title || `${response.status} ${response.statusText}`;
      const error = new ApiError(response.status, problem.code || null, detail, problem);
      if (response.status === 401 && state.key) {
        signOut(`Signed out: ${detail}`);
      }
      throw error;
    }
    if (raw) return response.blob();
    if (response.status === 204) return null;
    return response.json();
  }

  // ---------------------------------------------------------------------------------------------
  // Messages

  let messageTimer = null;

  function showMessage(text, kind = "error", action = null) {
    const box = $("message");
    box.className = `message message-${kind}`;
    $("message-text").textContent = text;
    const button = $("message-action");
    if (action) {
      button.textContent = action.label;
      button.onclick = () => {
        hideMessage();
        action.run();
      };
      button.hidden = false;
    } else {
      button.hidden = true;
      button.onclick = null;
    }
    box.hidden = false;
    clearTimeout(messageTimer);
    if (kind === "ok" || kind === "info") messageTimer = setTimeout(hideMessage, 6000);
  }

  function hideMessage() {
    $("message").hidden = true;
    clearTimeout(messageTimer);
  }

  /** Show an API error to the person, with the way out where there is one. */
  function reportError(error, what) {
    if (error && error.name === "AbortError") return;
    if (!(error instanceof ApiError)) {
      console.error(error);
      showMessage(`${what}: ${error && error.message ? error.message : error}`);
      return;
    }
    if (error.status === 401) return; // signed out already, with the reason
    const detail = error.message;
    if (error.code === "stale") {
      showMessage(`${detail}`, "error", { label: "Reload task", run: () => reloadTask() });
    } else if (error.code === "not-claimed" && state.detail) {
      showMessage(detail, "error", { label: "Claim again", run: () => claimCurrent() });
    } else if (error.code === "closed" || error.status === 404) {
      showMessage(detail, "error", { label: "Refresh queue", run: () => refreshQueue() });
    } else {
      showMessage(`${what}: ${detail}`, "error");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Sign-in

  function keyId(key) {
    const parts = String(key || "").split("_");
    return parts.length >= 3 ? parts[1] : "";
  }

  function showSignIn(reason) {
    $("app").hidden = true;
    $("signin").hidden = false;
    const error = $("signin-error");
    error.textContent = reason || "";
    error.hidden = !reason;
    const input = $("signin-key");
    input.value = "";
    input.focus();
  }

  async function signIn(key) {
    state.key = key.trim();
    // who the key belongs to; then a cheap call that needs the reviewer role, so a wrong key
    // or role is told at once
    const me = await api("GET", "/v1/me");
    state.me = me.name;
    sessionStorage.setItem(NAME_STORAGE, state.me);
    await api("GET", "/v1/review/tasks?status=open&limit=1");
    sessionStorage.setItem(KEY_STORAGE, state.key);
    $("signin").hidden = true;
    $("app").hidden = false;
    renderWhoami();
    await refreshQueue();
    startTimers();
  }

  function signOut(reason) {
    if (state.detail && state.mine && state.detail.status === "open" && state.key) {
      releaseQuietly(state.detail.id, state.key);
    }
    stopTimers();
    sessionStorage.removeItem(KEY_STORAGE);
    sessionStorage.removeItem(NAME_STORAGE);
    state.key = null;
    state.me = null;
    state.tasks = [];
    state.queueEpoch += 1;
    state.selectedId = null;
    closeTask();
    for (const url of state.images.values()) URL.revokeObjectURL(url);
    state.images.clear();
    clear($("queue-list"));
    hideMessage();
    showSignIn(reason);
  }

  function renderWhoami() {
    const node = $("whoami");
    clear(node);
    if (state.me) node.append(el("strong", { text: state.me }), " · ");
    node.append(el("span", { class: "mono muted", text: `key ${keyId(state.key)}` }));
  }

  function learnName(lease) {
    if (lease && lease.owner && state.me !== lease.owner) {
      state.me = lease.owner;
      sessionStorage.setItem(NAME_STORAGE, state.me);
      renderWhoami();
    }
  }

  function releaseQuietly(taskId, key) {
    // keepalive: the request survives the page going away
    try {
      fetch(`/v1/review/tasks/${encodeURIComponent(taskId)}/release`, {
        method: "POST",
        headers: { Authorization: `Bearer ${key}` },
        keepalive: true,
      }).catch(() => {});
    } catch (_) {
      /* nothing to do */
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The queue

  async function refreshQueue({ append = false } = {}) {
    if (!state.key) return;
    if (state.loadingQueue) {
      state.refreshAgain = true; // once the one under way is in
      return;
    }
    state.loadingQueue = true;
    const epoch = state.queueEpoch;
    $("refresh").classList.add("spinning");
    try {
      const url = append && state.next
        ? state.next
        : `/v1/review/tasks?status=${state.status}&limit=${Math.min(200, Math.max(PAGE_SIZE, state.tasks.length))}`;
      const data = await api("GET", url);
      if (epoch !== state.queueEpoch) {
        // the list changed here (a decision, another status) while this was under way
        state.refreshAgain = true;
        return;
      }
      state.tasks = append ? state.tasks.concat(data.items) : data.items;
      state.next = data.next;
      $("queue-updated").textContent = `updated ${clockFormat.format(new Date())}`;
      renderQueue();
      // the open task was decided or taken elsewhere
      if (state.detail && state.status === "open" && state.detail.status === "open") {
        const listed = state.tasks.find((t) => t.id === state.detail.id);
        if (!listed && !data.next && !state.detail.goneWarned) {
          state.detail.goneWarned = true;
          showMessage(`${state.detail.filename} is no longer open (decided by someone else).`, "warn", {
            label: "Next task", run: () => openNeighbour(1),
          });
        }
      }
    } catch (error) {
      reportError(error, "Could not load the queue");
    } finally {
      state.loadingQueue = false;
      $("refresh").classList.remove("spinning");
      if (state.refreshAgain && state.key) {
        state.refreshAgain = false;
        refreshQueue();
      }
    }
  }

  function leaseLabel(task) {
    if (!task.lease) return null;
    const mine = state.me && task.lease.owner === state.me;
    return { mine, text: mine ? "you" : task.lease.owner };
  }

  function renderQueue() {
    const list = $("queue-list");
    const scroll = list.scrollTop;
    const focused = document.activeElement && document.activeElement.classList.contains("task-item")
      ? document.activeElement.dataset.taskId
      : null;
    clear(list);
    let overdue = 0;
    for (const task of state.tasks) {
      if (task.overdue && task.status === "open") overdue += 1;
      const lease = leaseLabel(task);
      const selected = task.id === state.selectedId;
      const item = el(
        "li",
        {
          class: [
            "task-item",
            selected ? "selected" : "",
            task.overdue && task.status === "open" ? "overdue" : "",
            lease && !lease.mine ? "held" : "",
          ].join(" ").trim(),
          role: "option",
          "aria-selected": selected ? "true" : "false",
          tabindex: selected || (!state.selectedId && task === state.tasks[0]) ? "0" : "-1",
          dataset: { taskId: task.id },
          title: task.filename,
        },
        el("div", { class: "task-line" },
          el("span", { class: "task-name", text: task.filename }),
          el("span", {
            class: `due${task.overdue && task.status === "open" ? " due-over" : ""}`,
            title: `SLA due ${fmtFull(task.due_at)}`,
            text: dueText(task),
          })),
        el("div", { class: "task-line task-tags" },
          el("span", { class: `type type-${task.document_type || "unknown"}`, text: task.document_type || "unknown" }),
          task.reasons.map((r) => el("span", { class: "tag", title: r, text: shortRule(r, task.document_type) }))),
        task.status === "open"
          ? lease
            ? el("div", { class: `task-line lease${lease.mine ? " lease-mine" : ""}` },
              el("span", { class: "lock", "aria-hidden": "true" }),
              el("span", { text: lease.mine ? "Claimed by you" : `Held by ${lease.text}` }),
              el("span", { class: "muted", text: ` until ${clockFormat.format(parseTime(task.lease.expires_at))}` }))
            : null
          : el("div", { class: "task-line lease" },
            el("span", { text: `${task.status === "approved" ? "Approved" : "Rejected"} by ${task.decided_by || "?"}` }),
            task.reason_code ? el("span", { class: "tag", text: task.reason_code }) : null,
            el("span", { class: "muted", text: ` ${fmtTime(task.decided_at)}` })),
      );
      item.addEventListener("click", () => openTask(task.id));
      item.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          openTask(task.id);
        } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
          event.preventDefault();
          const sibling = event.key === "ArrowDown" ? item.nextElementSibling : item.previousElementSibling;
          if (sibling) sibling.focus();
        }
      });
      list.append(item);
    }
    list.scrollTop = scroll;
    if (focused) {
      const again = list.querySelector(`.task-item[data-task-id="${CSS.escape(focused)}"]`);
      if (again) again.focus({ preventScroll: true });
    }
    const n = state.tasks.length;
    $("queue-count").textContent = `${n}${state.next ? "+" : ""} ${state.status} ${n === 1 ? "task" : "tasks"}`;
    $("queue-empty").hidden = n > 0;
    $("queue-empty").textContent = state.status === "open" ? "Nothing waiting. The queue is clear." : `No ${state.status} tasks yet.`;
    $("queue-more").hidden = !state.next;
    const stats = $("stats");
    clear(stats);
    if (state.status === "open") {
      const mine = state.tasks.filter((t) => t.lease && state.me && t.lease.owner === state.me).length;
      stats.append(
        el("span", { class: "stat" }, el("strong", { text: `${n}${state.next ? "+" : ""}` }), " open"),
        el("span", { class: `stat${overdue ? " stat-bad" : ""}` }, el("strong", { text: String(overdue) }), " overdue"),
        el("span", { class: "stat" }, el("strong", { text: String(mine) }), " claimed by you"),
      );
    }
  }

  function setStatusFilter(status) {
    if (status === state.status) return;
    if (!confirmDiscard()) return;
    document.querySelectorAll(".seg-btn").forEach((b) => b.setAttribute("aria-selected", String(b.dataset.status === status)));
    releaseCurrent();
    state.queueEpoch += 1;
    state.status = status;
    state.tasks = [];
    state.next = null;
    state.selectedId = null;
    closeTask();
    refreshQueue();
  }

  // ---------------------------------------------------------------------------------------------
  // Opening a task

  function dirtyFields() {
    const changes = {};
    if (!state.detail) return changes;
    for (const input of document.querySelectorAll("[data-field-input]")) {
      const name = input.dataset.fieldInput;
      const kind = KINDS[name] || "text";
      if (normalizeInput(input.value, kind) !== state.originals[name]) {
        changes[name] = fromInput(input.value, kind);
      }
    }
    return changes;
  }

  function isDirty() {
    return state.mine && Object.keys(dirtyFields()).length > 0;
  }

  function confirmDiscard() {
    return !isDirty() || window.confirm("Discard the corrections you have not saved?");
  }

  function releaseCurrent() {
    const d = state.detail;
    if (d && state.mine && d.status === "open") {
      api("POST", `/v1/review/tasks/${encodeURIComponent(d.id)}/release`).catch(() => {});
      const listed = state.tasks.find((t) => t.id === d.id);
      if (listed) listed.lease = null;
    }
    state.mine = false;
  }

  async function openTask(id, { force = false } = {}) {
    if (!force && state.detail && state.detail.id === id) return;
    if (!force && !confirmDiscard()) return;
    if (!state.detail || state.detail.id !== id) releaseCurrent();
    const seq = ++state.openSeq;
    state.selectedId = id;
    renderQueue();
    const item = document.querySelector(`.task-item[data-task-id="${CSS.escape(id)}"]`);
    if (item && !document.activeElement?.closest?.(".side")) item.focus({ preventScroll: true });
    if (item) item.scrollIntoView({ block: "nearest" });
    hideMessage();
    $("task").classList.add("loading");
    const path = `/v1/review/tasks/${encodeURIComponent(id)}`;
    let detail;
    let mine = false;
    try {
      if (state.status === "open") {
        try {
          detail = await api("POST", `${path}/claim`, {});
          mine = true;
        } catch (error) {
          if (!(error instanceof ApiError) || error.status !== 409) throw error;
          detail = await api("GET", path);
          showMessage(error.message, "warn", error.code === "lease-held" ? null : {
            label: "Refresh queue", run: () => refreshQueue(),
          });
        }
      } else {
        detail = await api("GET", path);
      }
    } catch (error) {
      if (seq === state.openSeq) {
        $("task").classList.remove("loading");
        reportError(error, "Could not open the task");
      }
      return;
    }
    if (seq !== state.openSeq) {
      // the reviewer moved on while this claim was under way
      if (mine) api("POST", `${path}/release`).catch(() => {});
      return;
    }
    $("task").classList.remove("loading");
    state.mine = mine;
    if (mine) learnName(detail.lease);
    showTask(detail);
    loadAudit();
  }

  async function reloadTask() {
    if (!state.detail) return;
    try {
      const detail = await api("GET", `/v1/review/tasks/${encodeURIComponent(state.detail.id)}`);
      state.mine = !!(detail.lease && state.me && detail.lease.owner === state.me);
      showTask(detail);
      loadAudit();
    } catch (error) {
      reportError(error, "Could not reload the task");
    }
  }

  async function claimCurrent() {
    if (!state.detail) return;
    try {
      const detail = await api("POST", `/v1/review/tasks/${encodeURIComponent(state.detail.id)}/claim`, {});
      state.mine = true;
      learnName(detail.lease);
      showTask(detail);
      loadAudit();
      refreshQueue();
    } catch (error) {
      reportError(error, "Could not claim the task");
    }
  }

  function closeTask() {
    state.detail = null;
    state.mine = false;
    state.originals = {};
    $("task").hidden = true;
    $("placeholder").hidden = false;
  }

  function syncListed(detail) {
    const listed = state.tasks.find((t) => t.id === detail.id);
    if (listed) {
      Object.assign(listed, {
        lease: detail.lease, version: detail.version, reasons: detail.reasons, priority: detail.priority,
      });
      renderQueue();
    }
  }

  function showTask(detail) {
    state.detail = detail;
    $("placeholder").hidden = true;
    $("task").hidden = false;
    const result = detail.result || {};
    const first = Array.isArray(result.page_range) ? result.page_range[0] : 1;
    const last = Array.isArray(result.page_range) ? result.page_range[1] : Math.max(1, result.pages || 1);
    state.pages = [];
    for (let n = first; n <= last; n += 1) state.pages.push(n);
    if (!state.pages.includes(state.page) || state.pageDoc !== detail.document_id) {
      state.page = state.pages[0];
      state.pageDoc = detail.document_id;
      state.zoom = 1;
    }
    $("decision-note").value = "";
    $("reject-reason").value = "";
    renderHeader();
    renderIssues();
    renderFields();
    renderLines();
    showPage(state.page);
    syncListed(detail);
  }

  function renderHeader() {
    const d = state.detail;
    $("task-filename").textContent = d.filename;
    $("task-filename").title = d.filename;
    const meta = $("task-meta");
    clear(meta);
    const result = d.result || {};
    const classified = Number(result.classification_confidence);
    meta.append(el("span", {
      class: `type type-${d.document_type || "unknown"}`,
      title: Number.isFinite(classified) ? `classified with confidence ${classified.toFixed(2)}` : null,
      text: d.document_type || "unknown",
    }));
    if (Number.isFinite(classified) && classified < 0.9) {
      meta.append(el("span", { class: "meta-item conf-warn", title: "classification confidence", text: `type uncertain (${classified.toFixed(2)})` }));
    }
    meta.append(el("span", { class: "meta-item", text: `${state.pages.length} ${state.pages.length === 1 ? "page" : "pages"}${result.ocr ? " · OCR" : ""}` }));
    if (d.status === "open") {
      meta.append(el("span", {
        class: `meta-item${d.overdue ? " due-over" : ""}`, title: `SLA due ${fmtFull(d.due_at)}`, text: dueText(d),
      }));
    } else {
      meta.append(el("span", {
        class: `status status-${d.status}`,
        text: `${d.status} by ${d.decided_by || "?"} · ${fmtTime(d.decided_at)}${d.reason_code ? ` · ${d.reason_code}` : ""}`,
      }));
      if (d.note) meta.append(el("span", { class: "meta-item", title: "note", text: `“${d.note}”` }));
    }
    meta.append(el("span", { class: "meta-item", title: "priority: the number of rules that sent it here", text: `priority ${d.priority}` }));
    const lease = d.lease;
    if (d.status === "open") {
      if (state.mine && lease) {
        const left = parseTime(lease.expires_at).getTime() - Date.now();
        meta.append(el("span", { class: "meta-item lease-mine", title: `lease until ${fmtFull(lease.expires_at)}` },
          el("span", { class: "lock", "aria-hidden": "true" }), `claimed by you · ${duration(left)} left`));
      } else if (lease) {
        meta.append(el("span", { class: "meta-item lease-other" },
          el("span", { class: "lock", "aria-hidden": "true" }), `held by ${lease.owner} until ${clockFormat.format(parseTime(lease.expires_at))}`));
      } else {
        meta.append(el("span", { class: "meta-item muted", text: "not claimed" }));
      }
    }
    meta.append(el("span", { class: "meta-item mono muted", title: `document ${d.document_id}, task ${d.id}`, text: `v${d.version} · ${d.document_id.slice(0, 8)}` }));

    const open = d.status === "open";
    const editable = open && state.mine;
    $("claim-button").hidden = !open || state.mine;
    $("claim-button").disabled = !!(lease && !state.mine && parseTime(lease.expires_at) > new Date());
    $("release-button").hidden = !editable;
    for (const id of ["save-button", "decision-note", "reject-reason", "reject-button", "approve-button"]) {
      $(id).hidden = !open;
      $(id).disabled = !editable || state.busy;
    }
    document.querySelector("#task-actions .divider").hidden = !editable;
    updateSaveButton();
  }

  // ---------------------------------------------------------------------------------------------
  // Issues

  function issuesByField() {
    const map = new Map();
    const issues = (state.detail && state.detail.result && state.detail.result.issues) || [];
    for (const issue of issues) {
      for (const name of issue.fields || []) {
        if (!map.has(name)) map.set(name, []);
        map.get(name).push(issue);
      }
    }
    return map;
  }

  function renderIssues() {
    const list = $("issues");
    clear(list);
    const result = state.detail.result || {};
    const issues = (result.issues || []).slice().sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
    const errors = issues.filter((i) => i.severity === "error").length;
    $("issue-count").textContent = issues.length ? `${errors} error${errors === 1 ? "" : "s"}${issues.length > errors ? `, ${issues.length - errors} other` : ""}` : "";
    if (result.error) {
      list.append(el("li", { class: "issue sev-error" }, el("div", { class: "issue-msg", text: result.error })));
    }
    if (!issues.length && !result.error) {
      list.append(el("li", { class: "issue issue-none", text: "No issues: the rules pass on these values." }));
      return;
    }
    for (const issue of issues) {
      const fields = issue.fields || [];
      const item = el("li", { class: `issue sev-${issue.severity}`, dataset: { rule: issue.rule } },
        el("div", { class: "issue-head" },
          el("span", { class: `sev sev-badge-${issue.severity}`, text: issue.severity }),
          el("span", { class: "issue-rule mono", text: issue.rule })),
        el("div", { class: "issue-msg", text: issue.message }),
        fields.length
          ? el("div", { class: "issue-fields" }, fields.map((name) => el("button", {
            type: "button",
            class: "field-link",
            title: LINE_COLUMNS[name] ? `Show the ${humanize(name).toLowerCase()}` : `Edit ${name}`,
            text: name,
            onclick: () => focusField(name),
          })))
          : null);
      item.addEventListener("mouseenter", () => highlight(fields, true));
      item.addEventListener("mouseleave", () => highlight(fields, false));
      list.append(item);
    }
  }

  function severityRank(severity) {
    return { error: 0, warning: 1, info: 2 }[severity] ?? 3;
  }

  // ---------------------------------------------------------------------------------------------
  // Fields

  function toInput(value, kind) {
    if (value === null || value === undefined) return "";
    if (kind === "list") return (Array.isArray(value) ? value : [value]).map(String).join("\n");
    if (kind === "boolean") return value === true || value === "true" ? "true" : value === false || value === "false" ? "false" : String(value);
    if (Array.isArray(value)) return value.map(String).join("\n");
    return String(value);
  }

  function normalizeInput(text, kind) {
    if (kind === "list") return String(text).split("\n").map((s) => s.trim()).filter(Boolean).join("\n");
    return String(text).trim();
  }

  function fromInput(text, kind) {
    const value = normalizeInput(text, kind);
    if (value === "") return null;
    if (kind === "list") return value.split("\n");
    if (kind === "boolean") return value === "true";
    return value;
  }

  function fieldNames(result) {
    const known = FIELDS[result.document_type] || [];
    const extra = Object.keys(result.fields || {}).filter((n) => !known.includes(n));
    return known.concat(extra);
  }

  function validate(name, text) {
    const kind = KINDS[name] || "text";
    const value = normalizeInput(text, kind);
    if (!value || !CHECKS[kind]) return null;
    const [pattern, hint] = CHECKS[kind];
    if (!pattern.test(value)) return `Expected ${hint}.`;
    if (kind === "date") {
      const d = new Date(`${value}T00:00:00Z`);
      if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) return "Not a real date.";
    }
    return null;
  }

  function renderFields() {
    const container = $("fields");
    clear(container);
    state.originals = {};
    const d = state.detail;
    const result = d.result || { fields: {} };
    const fields = result.fields || {};
    const byField = issuesByField();
    const editable = d.status === "open" && state.mine;
    const names = fieldNames(result);
    let present = 0;
    for (const name of names) {
      const field = fields[name];
      const kind = KINDS[name] || "text";
      const known = (FIELDS[result.document_type] || []).includes(name);
      if (field) present += 1;
      const original = toInput(field ? field.value : null, kind);
      state.originals[name] = normalizeInput(original, kind);
      const issues = byField.get(name) || [];
      const worst = issues.length ? issues.map((i) => i.severity).sort((a, b) => severityRank(a) - severityRank(b))[0] : null;
      const low = field && typeof field.confidence === "number" && field.confidence < LOW_CONFIDENCE && field.source !== "person";
      const id = `field-${name}`;
      let input;
      const common = {
        id,
        class: "field-input",
        dataset: { fieldInput: name },
        disabled: !editable || !known,
        "aria-invalid": "false",
        spellcheck: "false",
      };
      if (kind === "boolean") {
        input = el("select", common,
          el("option", { value: "", text: "—" }),
          el("option", { value: "true", text: "true" }),
          el("option", { value: "false", text: "false" }));
        if (original && !["true", "false"].includes(original)) input.append(el("option", { value: original, text: original }));
        input.value = original;
      } else if (kind === "list" || kind === "text") {
        // grows with its value; a list holds one item per line
        input = el("textarea", {
          ...common,
          rows: 1,
          placeholder: field ? "" : kind === "list" ? "missing · one per line" : "missing",
        });
        input.value = original;
      } else {
        const check = CHECKS[kind];
        input = el("input", {
          ...common,
          type: "text",
          placeholder: field ? "" : check ? `missing · ${check[2]}` : "missing",
          inputmode: kind === "money" || kind === "days" ? "decimal" : null,
        });
        input.value = original;
      }
      if (issues.length) input.setAttribute("aria-describedby", `${id}-issues`);

      const conf = field
        ? field.source === "person"
          ? el("span", { class: "chip chip-edit", title: "corrected by a person" }, "edited")
          : el("span", {
            class: `conf${low ? " conf-low" : field.confidence >= 0.95 ? " conf-high" : ""}`,
            title: `confidence ${field.confidence}${field.source ? `, from ${field.source}` : ""}${field.page ? `, page ${field.page}` : ""}`,
            text: typeof field.confidence === "number" ? field.confidence.toFixed(2) : "?",
          })
        : el("span", { class: "conf conf-missing", title: "not found on the document", text: "—" });

      const row = el("div", {
        class: [
          "field-row",
          field ? "" : "missing",
          low ? "low" : "",
          worst ? `has-issue issue-${worst}` : "",
          field && field.bbox ? "has-box" : "",
        ].join(" ").replace(/\s+/g, " ").trim(),
        dataset: { field: name },
      },
      el("div", { class: "field-head" },
        el("label", { for: id, class: "field-label", title: name },
          humanize(name),
          field && field.page && state.pages.length > 1 ? el("span", { class: "field-page", text: `p${field.page}` }) : null),
        el("div", { class: "field-hint", id: `${id}-issues` },
          issues.map((i) => el("span", { class: `hint-${i.severity}`, title: i.message, text: shortRule(i.rule, result.document_type) })))),
      el("div", { class: "field-control" }, input),
      conf);

      const activate = () => activateField(name, true);
      const deactivate = () => activateField(name, false);
      row.addEventListener("mouseenter", activate);
      row.addEventListener("mouseleave", () => {
        if (!row.contains(document.activeElement)) deactivate();
      });
      input.addEventListener("focus", () => {
        activate();
        revealField(name);
      });
      input.addEventListener("blur", deactivate);
      input.addEventListener("input", () => onFieldInput(name, input, row));
      input.addEventListener("change", () => onFieldInput(name, input, row));
      input.addEventListener("keydown", (event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          event.stopPropagation();
          const kindNow = KINDS[name] || "text";
          if (normalizeInput(input.value, kindNow) !== state.originals[name]) {
            input.value = toInput(fromInput(state.originals[name], kindNow), kindNow);
            onFieldInput(name, input, row);
          } else {
            input.blur();
          }
        } else if (event.key === "Enter" && !event.ctrlKey && !event.metaKey && !(kind === "list" && !event.altKey)) {
          // Enter saves; in a list Enter starts the next item (Alt+Enter saves there)
          event.preventDefault();
          save();
        }
      });
      container.append(row);
    }
    container.querySelectorAll("textarea").forEach(fitHeight);
    $("field-count").textContent = `${present} of ${names.length} found`;
    updateSaveButton();
  }

  function onFieldInput(name, input, row) {
    const kind = KINDS[name] || "text";
    const changed = normalizeInput(input.value, kind) !== state.originals[name];
    row.classList.toggle("changed", changed);
    const problem = changed ? validate(name, input.value) : null;
    row.classList.toggle("invalid", !!problem);
    input.setAttribute("aria-invalid", problem ? "true" : "false");
    let hint = row.querySelector(".field-error");
    if (problem) {
      if (!hint) {
        hint = el("div", { class: "field-error" });
        row.querySelector(".field-control").append(hint);
      }
      hint.textContent = problem;
    } else if (hint) {
      hint.remove();
    }
    if (input.tagName === "TEXTAREA") fitHeight(input);
    updateSaveButton();
  }

  function fitHeight(textarea) {
    textarea.style.height = "auto";
    textarea.style.height = `${Math.min(140, textarea.scrollHeight + 2)}px`;
  }

  function updateSaveButton() {
    const button = $("save-button");
    const n = Object.keys(dirtyFields()).length;
    button.textContent = n ? `Save ${n} correction${n === 1 ? "" : "s"}` : "Save corrections";
    button.disabled = !n || !state.mine || state.busy || !state.detail || state.detail.status !== "open";
    button.classList.toggle("btn-accent", n > 0);
  }

  function focusField(name) {
    const input = document.querySelector(`[data-field-input="${CSS.escape(name)}"]`);
    if (!input) {
      if (LINE_COLUMNS[name] && !$("lines-panel").hidden) {
        const panel = $("lines-panel");
        panel.scrollIntoView({ block: "nearest", behavior: "smooth" });
        panel.classList.remove("flash");
        void panel.offsetWidth; // restart the animation
        panel.classList.add("flash");
      }
      return;
    }
    input.closest(".field-row").scrollIntoView({ block: "nearest" });
    if (input.disabled) {
      activateField(name, true);
      revealField(name);
      return;
    }
    input.focus();
    if (input.select) input.select();
  }

  function firstIssueField() {
    const issues = ((state.detail && state.detail.result && state.detail.result.issues) || [])
      .slice().sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
    for (const issue of issues) {
      for (const name of issue.fields || []) {
        if (document.querySelector(`[data-field-input="${CSS.escape(name)}"]`)) return name;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------
  // Lines (read-only)

  function renderLines() {
    const result = state.detail.result || {};
    const key = (result.service_lines || []).length ? "service_lines" : "line_items";
    const lines = result[key] || [];
    const panel = $("lines-panel");
    const table = $("lines");
    clear(table);
    panel.hidden = !lines.length;
    if (!lines.length) return;
    $("lines-title").textContent = `${key === "service_lines" ? "Service lines" : "Line items"} (${lines.length})`;
    const preferred = LINE_COLUMNS[key];
    const seen = new Set();
    for (const line of lines) for (const k of Object.keys(line)) if (!LINE_META.has(k)) seen.add(k);
    const columns = preferred.filter((c) => seen.has(c)).concat([...seen].filter((c) => !preferred.includes(c)));
    table.append(el("thead", {}, el("tr", {},
      el("th", { class: "num", text: "#" }),
      columns.map((c) => el("th", { class: NUMERIC_COLUMNS.has(c) ? "num" : "", title: c, text: COLUMN_LABELS[c] || humanize(c) })))));
    const body = el("tbody");
    lines.forEach((line, index) => {
      const row = el("tr", { dataset: { line: String(index) } },
        el("td", { class: "num muted", text: String(index + 1) }),
        columns.map((c) => el("td", {
          class: NUMERIC_COLUMNS.has(c) ? "num" : c === "description" ? "desc" : "",
          text: line[c] === undefined ? "" : formatValue(line[c]),
        })));
      row.addEventListener("mouseenter", () => {
        activateLine(index, true);
        if (line.page && line.page !== state.page && state.pages.includes(line.page)) showPage(line.page);
      });
      row.addEventListener("mouseleave", () => activateLine(index, false));
      body.append(row);
    });
    table.append(body);
    const sumColumn = columns.find((c) => c === "amount" || c === "charge");
    if (sumColumn) {
      let cents = 0;
      let ok = true;
      for (const line of lines) {
        const v = Number.parseFloat(line[sumColumn]);
        if (Number.isFinite(v)) cents += Math.round(v * 100);
        else if (line[sumColumn] !== undefined) ok = false;
      }
      if (ok) {
        const sum = (cents / 100).toFixed(2);
        table.append(el("tfoot", {}, el("tr", {},
          el("td", {}),
          columns.map((c, i) => el("td", {
            class: c === sumColumn ? "num" : "",
            text: c === sumColumn ? sum : i === 0 ? "Sum of lines" : "",
          })))));
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Pages and boxes

  async function showPage(number) {
    if (!state.detail) return;
    const documentId = state.detail.document_id;
    state.page = number;
    const index = state.pages.indexOf(number);
    $("page-label").textContent = `Page ${index + 1} / ${state.pages.length}`;
    $("page-prev").disabled = index <= 0;
    $("page-next").disabled = index >= state.pages.length - 1;
    const image = $("page-image");
    const cacheKey = `${documentId}/${number}`;
    let url = state.images.get(cacheKey);
    if (!url) {
      $("page-loading").hidden = false;
      $("page-loading").textContent = "Loading page…";
      try {
        const blob = await api("GET", `/v1/documents/${encodeURIComponent(documentId)}/pages/${number}?dpi=${DPI}`, undefined, { raw: true });
        url = URL.createObjectURL(blob);
        state.images.set(cacheKey, url);
      } catch (error) {
        if (state.detail && state.detail.document_id === documentId && state.page === number) {
          $("page-loading").textContent = `The page cannot be shown: ${error.message}`;
        }
        return;
      }
    }
    if (!state.detail || state.detail.document_id !== documentId || state.page !== number) return;
    if (image.getAttribute("src") !== url) {
      clear($("boxes"));
      image.src = url;
      try {
        await image.decode();
      } catch (_) {
        /* shown as broken: nothing more to do */
      }
    }
    if (!state.detail || state.detail.document_id !== documentId || state.page !== number) return;
    $("page-loading").hidden = true;
    image.alt = `${state.detail.filename}, page ${index + 1}`;
    applyZoom();
    renderBoxes();
  }

  function renderBoxes() {
    const layer = $("boxes");
    clear(layer);
    const image = $("page-image");
    if (!state.detail || !image.naturalWidth) return;
    const result = state.detail.result || {};
    const fields = result.fields || {};
    const byField = issuesByField();
    const width = image.naturalWidth;
    const height = image.naturalHeight;
    const scale = DPI / 72;
    const place = (node, bbox) => {
      const [x0, top, x1, bottom] = bbox;
      node.style.left = `${((x0 * scale) / width) * 100}%`;
      node.style.top = `${((top * scale) / height) * 100}%`;
      node.style.width = `${(((x1 - x0) * scale) / width) * 100}%`;
      node.style.height = `${(((bottom - top) * scale) / height) * 100}%`;
    };
    const onPage = (item) => Array.isArray(item.bbox) && item.bbox.length === 4 && (item.page || state.pages[0]) === state.page;
    const lineKey = (result.service_lines || []).length ? "service_lines" : "line_items";
    (result[lineKey] || []).forEach((line, index) => {
      if (!onPage(line)) return;
      const box = el("div", { class: "box box-line", dataset: { line: String(index) } });
      place(box, line.bbox);
      layer.append(box);
    });
    for (const name of fieldNames(result)) {
      const field = fields[name];
      if (!field || !onPage(field)) continue;
      const issues = byField.get(name) || [];
      const worst = issues.length ? issues.map((i) => i.severity).sort((a, b) => severityRank(a) - severityRank(b))[0] : null;
      const low = typeof field.confidence === "number" && field.confidence < LOW_CONFIDENCE && field.source !== "person";
      const box = el("div", {
        class: ["box", worst ? `box-${worst}` : "", low ? "box-low" : "", field.source === "person" ? "box-person" : ""].join(" ").trim(),
        dataset: { field: name },
        title: `${humanize(name)}: ${formatValue(field.value)}`,
      }, el("span", { class: "box-label", text: humanize(name) }));
      place(box, field.bbox);
      if (field.bbox[0] * scale > width * 0.6) box.classList.add("box-right");
      box.addEventListener("click", () => focusField(name));
      box.addEventListener("mouseenter", () => activateField(name, true));
      box.addEventListener("mouseleave", () => activateField(name, false));
      layer.append(box);
    }
    const active = document.querySelector(".field-row.active");
    if (active) activateField(active.dataset.field, true);
  }

  function activateField(name, on) {
    document.querySelectorAll(`.box[data-field="${CSS.escape(name)}"]`).forEach((b) => b.classList.toggle("active", on));
    const row = document.querySelector(`.field-row[data-field="${CSS.escape(name)}"]`);
    if (row) row.classList.toggle("active", on);
  }

  function activateLine(index, on) {
    document.querySelectorAll(`.box-line[data-line="${index}"]`).forEach((b) => b.classList.toggle("active", on));
  }

  function highlight(names, on) {
    for (const name of names) {
      if (LINE_COLUMNS[name]) document.querySelectorAll(".box-line").forEach((b) => b.classList.toggle("active", on));
      else activateField(name, on);
    }
  }

  /** Bring the field's box into view: its page, then scroll the viewer to it. */
  async function revealField(name) {
    const field = state.detail && state.detail.result && (state.detail.result.fields || {})[name];
    if (!field || !Array.isArray(field.bbox)) return;
    if (field.page && field.page !== state.page && state.pages.includes(field.page)) {
      await showPage(field.page);
      activateField(name, true);
    }
    const box = document.querySelector(`.box[data-field="${CSS.escape(name)}"]`);
    const scroller = $("viewer-scroll");
    if (!box) return;
    const b = box.getBoundingClientRect();
    const s = scroller.getBoundingClientRect();
    const margin = 48;
    if (b.top < s.top + margin || b.bottom > s.bottom - margin) {
      scroller.scrollBy({ top: b.top - s.top - s.height / 3, behavior: "smooth" });
    }
    if (b.left < s.left || b.right > s.right) {
      scroller.scrollBy({ left: b.left - s.left - s.width / 3, behavior: "smooth" });
    }
  }

  function applyZoom() {
    const page = $("page");
    page.style.width = `${Math.round(state.zoom * 100)}%`;
    $("zoom-fit").textContent = state.zoom === 1 ? "Fit" : `${Math.round(state.zoom * 100)}%`;
  }

  function zoom(factor) {
    state.zoom = factor === 0 ? 1 : Math.min(4, Math.max(0.5, Math.round(state.zoom * factor * 100) / 100));
    applyZoom();
  }

  function turnPage(step) {
    const index = state.pages.indexOf(state.page) + step;
    if (index >= 0 && index < state.pages.length) {
      showPage(state.pages[index]);
      $("viewer-scroll").scrollTop = 0;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Audit

  async function loadAudit() {
    const d = state.detail;
    if (!d) return;
    try {
      const events = await api("GET", `/v1/documents/${encodeURIComponent(d.document_id)}/audit`);
      if (!state.detail || state.detail.document_id !== d.document_id) return;
      state.audit = events;
      renderAudit();
    } catch (error) {
      reportError(error, "Could not load the audit trail");
    }
  }

  function renderAudit() {
    const list = $("audit");
    clear(list);
    $("audit-count").textContent = String(state.audit.length);
    for (const event of state.audit.slice().reverse()) {
      let change = null;
      if (event.field) {
        change = el("div", { class: "audit-change" },
          el("span", { class: "mono", text: event.field }), " ",
          el("span", { class: "before", text: formatValue(event.before) }), " → ",
          el("span", { class: "after", text: formatValue(event.after) }));
      } else if (event.before !== null || event.after !== null) {
        const parts = [];
        if (event.before !== null && event.before !== undefined) parts.push(el("span", { class: "before", text: formatValue(event.before) }), " → ");
        if (event.after !== null && event.after !== undefined) parts.push(el("span", { class: "after", text: formatValue(event.after) }));
        change = el("div", { class: "audit-change" }, parts);
      }
      list.append(el("li", { class: `audit-item action-${event.action}`, dataset: { action: event.action } },
        el("div", { class: "audit-head" },
          el("span", { class: "audit-action", text: event.action.replace(/_/g, " ") }),
          el("span", { class: "audit-actor", title: event.actor, text: actorName(event.actor) }),
          el("time", { class: "audit-at muted", datetime: event.at, title: fmtFull(event.at), text: fmtTime(event.at) })),
        change));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Writes: save, approve, reject, release

  async function busy(run) {
    if (state.busy) return undefined;
    state.busy = true;
    document.body.classList.add("busy");
    renderHeaderButtons();
    try {
      return await run();
    } finally {
      state.busy = false;
      document.body.classList.remove("busy");
      if (state.detail) renderHeaderButtons();
    }
  }

  function renderHeaderButtons() {
    const d = state.detail;
    if (!d) return;
    const editable = d.status === "open" && state.mine;
    for (const id of ["decision-note", "reject-reason", "reject-button", "approve-button", "release-button"]) {
      $(id).disabled = !editable || state.busy;
    }
    updateSaveButton();
  }

  /** PATCH the changed fields; true when saved (or nothing to save). */
  async function save({ quiet = false } = {}) {
    const d = state.detail;
    if (!d || !state.mine || d.status !== "open") return false;
    const changes = dirtyFields();
    const names = Object.keys(changes);
    if (!names.length) {
      if (!quiet) showMessage("Nothing to save: no field has changed.", "info");
      return true;
    }
    const invalid = names.filter((n) => validate(n, document.querySelector(`[data-field-input="${CSS.escape(n)}"]`).value));
    if (invalid.length) {
      showMessage(`Fix ${invalid.map(humanize).join(", ")} first: ${validate(invalid[0], document.querySelector(`[data-field-input="${CSS.escape(invalid[0])}"]`).value)}`);
      focusField(invalid[0]);
      return false;
    }
    const result = await busy(async () => {
      try {
        const before = new Set(((d.result || {}).issues || []).map((i) => i.rule));
        const detail = await api("PATCH", `/v1/review/tasks/${encodeURIComponent(d.id)}`, { version: d.version, fields: changes });
        const focused = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.fieldInput : null;
        showTask(detail);
        loadAudit();
        names.forEach((n) => {
          const row = document.querySelector(`.field-row[data-field="${CSS.escape(n)}"]`);
          if (row) {
            row.classList.add("saved");
            setTimeout(() => row.classList.remove("saved"), 1600);
          }
        });
        if (focused) {
          const again = document.querySelector(`[data-field-input="${CSS.escape(focused)}"]`);
          if (again) again.focus();
        }
        const after = ((detail.result || {}).issues || []);
        const resolved = [...before].filter((r) => !after.some((i) => i.rule === r));
        const errors = after.filter((i) => i.severity === "error").length;
        let text = `Saved ${names.length} correction${names.length === 1 ? "" : "s"}.`;
        if (resolved.length) text += ` Resolved: ${resolved.map((r) => shortRule(r, detail.document_type)).join(", ")}.`;
        text += errors ? ` ${errors} error${errors === 1 ? " remains" : "s remain"}.` : " No errors remain.";
        if (!quiet) showMessage(text, "ok");
        return true;
      } catch (error) {
        reportError(error, "Could not save the corrections");
        return false;
      }
    });
    return !!result;
  }

  async function decide(decision) {
    const d = state.detail;
    if (!d || !state.mine || d.status !== "open" || state.busy) return;
    const note = $("decision-note").value.trim() || undefined;
    let body;
    if (decision === "reject") {
      const reason = $("reject-reason").value;
      if (!reason) {
        showMessage("Choose a reason to reject, then press Reject again.", "warn");
        $("reject-reason").focus();
        return;
      }
      body = { version: d.version, reason_code: reason, note };
    } else {
      if (isDirty() && !(await save({ quiet: true }))) return;
      body = { version: state.detail.version, note };
    }
    const id = d.id;
    const index = state.tasks.findIndex((t) => t.id === id);
    await busy(async () => {
      try {
        await api("POST", `/v1/review/tasks/${encodeURIComponent(id)}/${decision}`, body);
      } catch (error) {
        reportError(error, `Could not ${decision}`);
        return;
      }
      state.mine = false;
      state.queueEpoch += 1;
      state.tasks = state.tasks.filter((t) => t.id !== id);
      const label = decision === "approve" ? "Approved" : `Rejected (${body.reason_code})`;
      closeTask();
      state.selectedId = null;
      renderQueue();
      showMessage(`${label}: ${d.filename}.`, "ok");
      const next = pickNext(index);
      if (next) openTask(next.id).then(() => showMessage(`${label}: ${d.filename}. Next: ${next.filename}.`, "ok"));
      refreshQueue();
    });
  }

  function pickNext(fromIndex) {
    const free = (t) => !t.lease || (state.me && t.lease.owner === state.me);
    const after = state.tasks.slice(Math.max(0, fromIndex)).find(free);
    return after || state.tasks.slice(0, Math.max(0, fromIndex)).find(free) || null;
  }

  async function release() {
    const d = state.detail;
    if (!d || !state.mine) return;
    if (!confirmDiscard()) return;
    await busy(async () => {
      try {
        await api("POST", `/v1/review/tasks/${encodeURIComponent(d.id)}/release`);
        state.mine = false;
        showMessage(`Released ${d.filename} back to the queue.`, "info");
        closeTask();
        state.selectedId = null;
        refreshQueue();
      } catch (error) {
        reportError(error, "Could not release the task");
      }
    });
  }

  function openNeighbour(step) {
    if (!state.tasks.length) return;
    let index = state.tasks.findIndex((t) => t.id === state.selectedId);
    index = index < 0 ? (step > 0 ? 0 : state.tasks.length - 1) : index + step;
    if (index >= 0 && index < state.tasks.length) openTask(state.tasks[index].id);
  }

  // ---------------------------------------------------------------------------------------------
  // Timers: queue refresh, lease renewal

  let refreshTimer = null;
  let leaseTimer = null;

  function startTimers() {
    stopTimers();
    refreshTimer = setInterval(() => {
      if (document.visibilityState === "visible") refreshQueue();
    }, REFRESH_MS);
    leaseTimer = setInterval(checkLease, LEASE_CHECK_MS);
  }

  function stopTimers() {
    clearInterval(refreshTimer);
    clearInterval(leaseTimer);
  }

  /** Claiming again renews the lease; do it before it runs out while the task is open here. */
  async function checkLease() {
    const d = state.detail;
    if (!d || !state.mine || d.status !== "open" || !d.lease || state.busy) return;
    const left = parseTime(d.lease.expires_at).getTime() - Date.now();
    if (left < RENEW_WHEN_LEFT_MS) {
      try {
        const renewed = await api("POST", `/v1/review/tasks/${encodeURIComponent(d.id)}/claim`, {});
        if (state.detail && state.detail.id === renewed.id) {
          // keep the form as it is (the reviewer may be typing): only the lease and version move
          state.detail.lease = renewed.lease;
          state.detail.version = renewed.version;
          syncListed(state.detail);
        }
      } catch (error) {
        reportError(error, "Could not renew the claim");
      }
    }
    if (state.detail) renderHeader();
  }

  // ---------------------------------------------------------------------------------------------
  // Keyboard

  function typing(target) {
    return target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
  }

  function onKey(event) {
    if ($("app").hidden) return;
    const mod = event.ctrlKey || event.metaKey;
    if (mod && (event.key === "s" || event.key === "S")) {
      event.preventDefault();
      save();
      return;
    }
    if (mod && event.key === "Enter") {
      event.preventDefault();
      decide("approve");
      return;
    }
    if (mod || event.altKey || typing(event.target) || $("help").open) return;
    const actions = {
      j: () => openNeighbour(1),
      k: () => openNeighbour(-1),
      a: () => decide("approve"),
      r: () => {
        if (state.detail && state.mine) {
          $("reject-reason").focus();
          showMessage("Choose a reason, then press Reject.", "info");
        }
      },
      s: () => save(),
      e: () => {
        const name = firstIssueField();
        if (name) focusField(name);
        else document.querySelector("[data-field-input]:not(:disabled)")?.focus();
      },
      "[": () => turnPage(-1),
      "]": () => turnPage(1),
      "+": () => zoom(1.25),
      "=": () => zoom(1.25),
      "-": () => zoom(0.8),
      0: () => zoom(0),
      b: () => toggleBoxes(),
      u: () => refreshQueue(),
      "?": () => $("help").showModal(),
    };
    const action = actions[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  }

  function toggleBoxes(on) {
    state.boxesVisible = on === undefined ? !state.boxesVisible : on;
    $("show-boxes").checked = state.boxesVisible;
    $("boxes").hidden = !state.boxesVisible;
  }

  // ---------------------------------------------------------------------------------------------
  // Wiring

  function wire() {
    $("signin-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      const key = $("signin-key").value.trim();
      if (!key) return;
      const button = $("signin-submit");
      button.disabled = true;
      button.textContent = "Signing in…";
      try {
        await signIn(key);
      } catch (error) {
        state.key = null;
        const error403 = error instanceof ApiError && error.status === 403;
        showSignIn(error403 ? `This key cannot review: ${error.message}` : error.message || String(error));
      } finally {
        button.disabled = false;
        button.textContent = "Sign in";
      }
    });
    $("signout").addEventListener("click", () => {
      if (confirmDiscard()) signOut();
    });
    $("refresh").addEventListener("click", () => refreshQueue());
    $("queue-more").addEventListener("click", () => refreshQueue({ append: true }));
    document.querySelectorAll(".seg-btn").forEach((b) => b.addEventListener("click", () => setStatusFilter(b.dataset.status)));
    $("message-close").addEventListener("click", hideMessage);
    $("fields-form").addEventListener("submit", (event) => {
      event.preventDefault();
      save();
    });
    $("save-button").addEventListener("click", () => save());
    $("approve-button").addEventListener("click", () => decide("approve"));
    $("reject-button").addEventListener("click", () => decide("reject"));
    $("reject-reason").addEventListener("change", () => $("reject-button").classList.toggle("armed", !!$("reject-reason").value));
    $("release-button").addEventListener("click", release);
    $("claim-button").addEventListener("click", claimCurrent);
    $("page-prev").addEventListener("click", () => turnPage(-1));
    $("page-next").addEventListener("click", () => turnPage(1));
    $("zoom-in").addEventListener("click", () => zoom(1.25));
    $("zoom-out").addEventListener("click", () => zoom(0.8));
    $("zoom-fit").addEventListener("click", () => zoom(0));
    $("show-boxes").addEventListener("change", (e) => toggleBoxes(e.target.checked));
    $("help-button").addEventListener("click", () => $("help").showModal());
    const auditPanel = $("audit-panel");
    auditPanel.open = localStorage.getItem(AUDIT_OPEN_STORAGE) === "1";
    auditPanel.addEventListener("toggle", () => localStorage.setItem(AUDIT_OPEN_STORAGE, auditPanel.open ? "1" : "0"));
    document.addEventListener("keydown", onKey);
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible" && state.key) refreshQueue();
    });
    window.addEventListener("beforeunload", (event) => {
      if (isDirty()) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
    window.addEventListener("pagehide", () => {
      if (state.detail && state.mine && state.detail.status === "open" && state.key) {
        releaseQuietly(state.detail.id, state.key);
      }
    });
    // the header's countdown
    setInterval(() => {
      if (state.detail && !state.busy && document.visibilityState === "visible") renderHeader();
    }, 60000);
  }

  async function start() {
    wire();
    const key = sessionStorage.getItem(KEY_STORAGE);
    if (!key) {
      showSignIn();
      return;
    }
    try {
      await signIn(key);
    } catch (error) {
      sessionStorage.removeItem(KEY_STORAGE);
      showSignIn(error.message || String(error));
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

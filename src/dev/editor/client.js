/*
 * The editor's page script, loaded before Decap CMS (which it starts by hand)
 * and served as it is. It adds to Decap what the report needs:
 *
 * - a backend, "activity-report": Decap's proxy backend, whose saves go to
 *   the dev server's write service (src/dev/editor/service.ts). A save that
 *   the project's check refuses comes back with check's messages, each with
 *   the field it is about; they are shown under that field, in check's words,
 *   until the form is changed, and in the preview;
 * - the preview of an event: the report's own page of the event, from the
 *   live preview, which reloads by itself after each build.
 */
/* global CMS, h, createClass */
window.CMS_MANUAL_INIT = true;

(() => {
  /** The problems of the last save that was refused, by field; cleared by any change to the form. */
  const problems = { byField: new Map(), all: [] };
  const listeners = new Set();
  const controls = new Set();

  const changed = () => listeners.forEach((listener) => listener());

  function clearProblems() {
    if (problems.all.length === 0) return;
    problems.byField = new Map();
    problems.all = [];
    changed();
  }

  function showProblems(list) {
    problems.byField = new Map();
    for (const problem of list) {
      const key = problem.field || "";
      problems.byField.set(key, [...(problems.byField.get(key) || []), problem.text]);
    }
    problems.all = list;
    changed();
    // Each field with a problem is checked again, which shows it under the field.
    for (const control of controls) if (control.props.validate && problems.byField.has(control.fieldName())) control.props.validate();
  }

  /** Where the write service answers: the backend's proxy_url. */
  let serviceUrl = "api/v1";

  async function ask(action, params) {
    const response = await fetch(serviceUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json; charset=utf-8" },
      body: JSON.stringify({ action, params }),
    });
    const json = await response.json();
    return { ok: response.ok, json };
  }

  function registerBackend() {
    const proxy = CMS.getBackend("proxy");
    class ActivityReportBackend {
      constructor(config, options) {
        serviceUrl = config.backend.proxy_url;
        const inner = proxy.init({ ...config, backend: { ...config.backend, name: "proxy" } }, options);
        inner.persistEntry = async (entry, persistOptions) => {
          const assets = await Promise.all(
            (entry.assets || []).map(async (asset) => ({ path: asset.path, content: await asset.toBase64(), encoding: "base64" })),
          );
          const { ok, json } = await ask("persistEntry", { branch: inner.branch, dataFiles: entry.dataFiles, assets, options: persistOptions });
          if (!ok) {
            showProblems(json.problems || []);
            throw new Error(json.error || "the save was refused");
          }
          clearProblems();
          return json;
        };
        // On this machine there is nobody to log in: the editor opens at once.
        inner.authComponent = () => AutoLogin;
        return inner;
      }
    }
    const AutoLogin = createClass({
      componentDidMount() {
        this.props.onLogin({});
      },
      render() {
        return h("p", { style: { padding: "2rem" } }, "Opening the editor…");
      },
    });
    CMS.registerBackend("activity-report", ActivityReportBackend);
  }

  /**
   * Each widget is wrapped so that a field with a problem of the last refused save is not valid,
   * with check's words as the reason, and so that any change clears the problems.
   */
  function wrapWidget(name) {
    const original = CMS.getWidget(name);
    if (!original) return;
    const { control: Control, preview, ...rest } = original;
    const Wrapped = createClass({
      displayName: `Checked(${name})`,
      componentDidMount() {
        controls.add(this);
      },
      componentWillUnmount() {
        controls.delete(this);
      },
      fieldName() {
        // Only the fields of the file's top level are named by the service.
        return this.props.parentIds && this.props.parentIds.length > 0 ? undefined : this.props.field.get("name");
      },
      setInner(inner) {
        this.inner = inner;
        // A list or object validates its own fields: the editor asks for that by the name `validate`.
        if (inner && typeof inner.validate === "function") this.validate = () => inner.validate();
        else delete this.validate;
      },
      isValid() {
        const own = this.inner && typeof this.inner.isValid === "function" ? this.inner.isValid() : true;
        if (!(own === true || (own && own.error === false))) return own;
        const found = problems.byField.get(this.fieldName());
        if (!found) return own;
        return { error: { type: "CUSTOM", parentIds: this.props.parentIds, message: found.join("\n") } };
      },
      getValidateValue() {
        return this.inner && this.inner.getValidateValue ? this.inner.getValidateValue() : undefined;
      },
      focus(path) {
        if (this.inner && this.inner.focus) this.inner.focus(path);
      },
      onChange(...args) {
        clearProblems();
        return this.props.onChange(...args);
      },
      render() {
        return h(Control, { ...this.props, onChange: this.onChange, ref: this.setInner });
      },
    });
    CMS.registerWidget({ ...rest, name, controlComponent: Wrapped, previewComponent: preview });
  }

  /** The event's page in the preview, or the check's messages of a refused save. */
  const eventPreview = () => createClass({
    getInitialState() {
      return { url: null, path: null, version: 0 };
    },
    componentDidMount() {
      this.listener = () => this.setState({ version: this.state.version + 1 });
      listeners.add(this.listener);
      this.lookUp();
    },
    componentDidUpdate() {
      if (this.props.entry.get("path") !== this.state.path) this.lookUp();
    },
    componentWillUnmount() {
      listeners.delete(this.listener);
      clearTimeout(this.timer);
    },
    async lookUp() {
      const path = this.props.entry.get("path");
      clearTimeout(this.timer);
      this.setState({ path });
      if (!path || this.props.entry.get("newRecord")) return this.setState({ url: null });
      const { ok, json } = await ask("eventPage", { path }).catch(() => ({ ok: false, json: {} }));
      if (this.props.entry.get("path") !== path) return;
      if (ok && json.url) this.setState({ url: new URL(json.url, location.href).href });
      // Not built yet (a new event): asked again until the preview has it.
      else this.timer = setTimeout(() => this.lookUp(), 1000);
    },
    render() {
      if (problems.all.length > 0) {
        return h(
          "div",
          { className: "check-problems" },
          h("h2", {}, "Not saved: the check found a problem"),
          h("pre", { style: { whiteSpace: "pre-wrap", font: "14px/1.5 monospace" } }, problems.all.map((p) => p.text).join("\n")),
        );
      }
      if (!this.state.url) return h("p", {}, "The event's page is shown here once the event is saved and the preview is built.");
      return h("iframe", {
        src: this.state.url,
        title: "The event's page in the preview",
        style: { width: "100%", height: "calc(100vh - 2rem)", border: 0 },
      });
    },
  });

  window.addEventListener("DOMContentLoaded", () => {
    registerBackend();
    for (const name of ["string", "text", "number", "boolean", "select", "list", "object", "image", "file", "relation"]) wrapWidget(name);
    CMS.registerPreviewTemplate("events", eventPreview());
    window.addEventListener("hashchange", clearProblems);
    CMS.init();
  });
})();

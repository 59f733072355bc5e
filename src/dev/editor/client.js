/*
 * The editor's page script, loaded before Decap CMS (which it starts by hand)
 * and served as it is. It adds to Decap what the report needs:
 *
 * - a backend, "activity-report": Decap's proxy backend, whose saves go to
 *   the dev server's write service (src/dev/editor/service.ts). A save that
 *   the project's check refuses comes back with check's messages, each with
 *   the place in the form it is about; they are shown under that field (a
 *   field of a list item or of a set of fields too, which is opened), in
 *   check's words, until the form is changed, and in the preview;
 * - the preview of an event: the report's own page of the event, from the
 *   live preview, which reloads by itself after each build;
 * - in an event's form in another language than English (Decap's i18n,
 *   beside the English form), the documents, photos and chairs as English
 *   lists them, each with only its texts to translate: no item is added,
 *   removed or moved there (the translation follows the English order); and
 *   under each text, the English it translates.
 */
/* global CMS, h, createClass */
window.CMS_MANUAL_INIT = true;

(() => {
  /** The problems of the last save that was refused, by the control that shows them; cleared by any change to the form. */
  const problems = { byControl: new Map(), all: [] };
  const listeners = new Set();
  const controls = new Set();

  const changed = () => listeners.forEach((listener) => listener());

  function clearProblems() {
    if (problems.all.length === 0) return;
    problems.byControl = new Map();
    problems.all = [];
    changed();
  }

  /**
   * Where a control is in the form, as the write service names places (view.ts): the names of the fields
   * and the positions of list items from the top. Decap gives each control the ids of the controls
   * around it (parentIds): a control's own, or a list item's key, whose position the list holds.
   */
  function pathOf(control) {
    const path = [];
    let list;
    for (const id of control.props.parentIds || []) {
      const owner = [...controls].find((c) => c.props.forID === id);
      if (owner) {
        path.push(owner.props.field.get("name"));
        list = owner;
        continue;
      }
      const keys = list && list.inner && list.inner.state && list.inner.state.keys;
      const index = keys ? keys.indexOf(id) : -1;
      if (index >= 0) path.push(index);
      list = undefined;
    }
    path.push(control.props.field.get("name"));
    return path;
  }

  const startsWith = (path, prefix) => prefix.length <= path.length && prefix.every((step, i) => step === path[i]);

  /** The language of the form a control is in (the i18n locale of the field at its top), if the form has one. */
  function localeOf(control) {
    const ids = control.props.parentIds || [];
    const top = ids.length > 0 ? [...controls].find((c) => c.props.forID === ids[0]) : control;
    return top ? top.props.locale : undefined;
  }

  /** Whether a problem is of the form a control is in: a translation's problem of its language's form, the others of the English one. */
  function sameForm(problem, control) {
    const locale = localeOf(control);
    if (!locale) return true;
    const collection = control.props.collection;
    const english = collection && collection.getIn ? collection.getIn(["i18n", "default_locale"]) : undefined;
    return locale === (problem.locale || english);
  }

  /** Opens the collapsed lists, list items and sets of fields on the way to each problem, so that its field is shown. */
  function openTo(list) {
    let opened = false;
    for (const control of controls) {
      const inner = control.inner;
      if (!inner || !inner.state) continue;
      const at = pathOf(control);
      const within = list.filter((p) => p.path && startsWith(p.path, at) && p.path.length > at.length);
      if (within.length === 0) continue;
      if (inner.state.collapsed === true) {
        inner.setState({ collapsed: false });
        opened = true;
      }
      if (inner.state.listCollapsed === true) {
        inner.setState({ listCollapsed: false });
        opened = true;
      }
      const collapsed = inner.state.itemsCollapsed;
      if (Array.isArray(collapsed)) {
        const items = new Set(within.map((p) => p.path[at.length]).filter((i) => typeof i === "number" && collapsed[i]));
        if (items.size > 0) {
          inner.setState({ itemsCollapsed: collapsed.map((c, i) => (items.has(i) ? false : c)) });
          opened = true;
        }
      }
    }
    return opened;
  }

  /** Each problem goes to the control of its field, or of the nearest field around it that the form shows. */
  function place(list) {
    problems.byControl = new Map();
    for (const problem of list) {
      const path = problem.path || (problem.field ? [problem.field] : []);
      let best;
      let depth = 0;
      for (const control of controls) {
        if (!sameForm(problem, control)) continue;
        const at = pathOf(control);
        if (at.length > depth && startsWith(path, at)) {
          best = control;
          depth = at.length;
        }
      }
      if (best) problems.byControl.set(best, [...(problems.byControl.get(best) || []), problem.text]);
    }
    // Each field with a problem is checked again, which shows it under the field.
    for (const control of problems.byControl.keys()) if (control.props.validate) control.props.validate();
    // The first of them is brought into view: the form is often scrolled down to its last fields when saved.
    const first = [...problems.byControl.keys()][0];
    const element = first && document.getElementById(first.props.forID);
    if (element) element.scrollIntoView({ block: "center" });
  }

  function showProblems(list) {
    problems.all = list;
    changed();
    // Opening what hides a field renders its control: placed once the form has been drawn again (a few rounds for nested ones).
    let rounds = 0;
    const next = () => {
      if (problems.all !== list) return;
      if (openTo(list) && rounds++ < 5) setTimeout(next, 50);
      else place(list);
    };
    next();
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
            const list = json.problems || [];
            showProblems(list);
            // Each problem stands under its field (and in the event's preview, where it is shown): the notice only says so.
            throw new Error(list.length > 0 ? `Nothing was saved: the check found ${list.length === 1 ? "a problem" : `${list.length} problems`}, shown under ${list.length === 1 ? "its field" : "their fields"}.` : json.error || "the save was refused");
          }
          clearProblems();
          return json;
        };
        // The events are listed by Decap's names of their files in the languages the form has (<id>.en.yaml with others).
        const locales = config.i18n ? config.i18n.locales : [];
        inner.entriesByFolder = (folder, extension, depth) =>
          inner.request({ action: "entriesByFolder", params: { branch: inner.branch, folder, extension, depth, locales } });
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

  /** The language a control's form is in, when it is another than English (the collection's default); else undefined. */
  function otherLanguage(control) {
    const locale = localeOf(control);
    const collection = control.props.collection;
    const english = collection && collection.getIn ? collection.getIn(["i18n", "default_locale"]) : undefined;
    return locale && english && locale !== english ? locale : undefined;
  }

  /** The English text a control of another language's form translates: the English form's value at its place. */
  function englishOf(control) {
    if (!otherLanguage(control)) return undefined;
    const path = pathOf(control);
    // The one field of a list of texts (the chairs) holds the item itself.
    const owners = (control.props.parentIds || []).map((id) => [...controls].find((c) => c.props.forID === id)).filter(Boolean);
    const list = owners[owners.length - 1];
    if (list && list.props.field.get("field")) path.pop();
    const entry = typeof control.props.getEntry === "function" ? control.props.getEntry() : control.props.entry;
    const value = entry && entry.getIn ? entry.getIn(["data", ...path]) : undefined;
    return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
  }

  /** The lists of an event's form in another language, made once for each list and language. */
  const translatedLists = new WeakMap();

  /**
   * A list of the form in another language than English: its items are the English file's (as the write
   * service gives them), with only the fields the translation holds; none added, removed or moved.
   */
  function translatedList(props) {
    const { field, locale, collection, isFieldHidden } = props;
    const english = collection && collection.getIn ? collection.getIn(["i18n", "default_locale"]) : undefined;
    if (!locale || !english || locale === english || typeof isFieldHidden !== "function") return field;
    const made = translatedLists.get(field) || {};
    if (!made[locale]) {
      let list = field.set("allow_add", false).set("allow_remove", false).set("allow_reorder", false).set("collapsed", false);
      if (field.get("fields")) list = list.set("fields", field.get("fields").map((f) => (isFieldHidden(f) ? f.set("widget", "hidden") : f)));
      made[locale] = list;
      translatedLists.set(field, made);
    }
    return made[locale];
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
        // A text inside a list or a set of fields finds its place (and so the English it translates) once the
        // controls around it are there, after they are all drawn.
        if ((name === "string" || name === "text") && (this.props.parentIds || []).length > 0) this.timer = setTimeout(() => this.forceUpdate(), 0);
      },
      componentWillUnmount() {
        controls.delete(this);
        clearTimeout(this.timer);
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
        const found = problems.byControl.get(this);
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
        const field = name === "list" ? translatedList(this.props) : this.props.field;
        const control = h(Control, { ...this.props, field, onChange: this.onChange, ref: this.setInner, key: "control" });
        const english = name === "string" || name === "text" ? englishOf(this) : undefined;
        if (english === undefined) return control;
        return [control, h("p", { key: "english", className: "english-text", lang: "en" }, h("span", {}, "English: "), english)];
      },
    });
    CMS.registerWidget({ ...rest, name, controlComponent: Wrapped, previewComponent: preview });
  }

  /** The event's page in the preview, or the check's messages of a refused save. */
  const eventPreview = () => createClass({
    getInitialState() {
      return { url: null, path: null, fresh: false, version: 0 };
    },
    componentDidMount() {
      this.listener = () => this.setState({ version: this.state.version + 1 });
      listeners.add(this.listener);
      this.lookUp();
    },
    componentDidUpdate() {
      // A new event, once saved, keeps its path but is no longer new: its page is looked up then.
      const entry = this.props.entry;
      if (entry.get("path") !== this.state.path || Boolean(entry.get("newRecord")) !== this.state.fresh) this.lookUp();
    },
    componentWillUnmount() {
      listeners.delete(this.listener);
      clearTimeout(this.timer);
    },
    async lookUp() {
      const path = this.props.entry.get("path");
      const fresh = Boolean(this.props.entry.get("newRecord"));
      clearTimeout(this.timer);
      this.setState({ path, fresh });
      if (!path || fresh) return this.setState({ url: null });
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
          { className: "check-problems", style: { paddingInlineEnd: "2rem" } },
          h("h2", {}, "Not saved: the check found a problem"),
          h("p", {}, "Correct what is named below in the form, and save again. Each line is the file, the line and the column, and what is wrong there."),
          h("pre", { style: { whiteSpace: "pre-wrap", overflowWrap: "anywhere", font: "14px/1.5 monospace" } }, problems.all.map((p) => p.text).join("\n")),
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
    // On the published site there is no live preview to show: Decap's own preview of the fields stays.
    const published = document.querySelector('meta[name="activity-report-editor"]');
    if (!published || published.getAttribute("content") !== "published") CMS.registerPreviewTemplate("events", eventPreview());
    window.addEventListener("hashchange", clearProblems);
    CMS.init();
  });
})();

/**
 * What several renders of one topology have in common, made once: the page's content (HTML and
 * Markdown), its diagram and the Graphviz layout of it (HTML, SVG, draw.io), the full diagram
 * (Mermaid, DOT, the page) and the topology tables (terminal tables, the page). A caller that
 * renders several formats of the same topology passes one `SharedViews` in `RenderOptions.shared`
 * (the benchmark renders every format); a run of the CLI renders one format and passes none, so
 * each render makes its own. Views are keyed by the topology object: the caller must not change a
 * topology between the renders that share its views, and no renderer changes what it is given.
 */
export class SharedViews {
  private readonly views = new WeakMap<object, Map<string, unknown>>();

  /** The view `name` of `owner`, made by `make` the first time it is asked for. */
  of<T>(owner: object, name: string, make: () => T): T {
    let views = this.views.get(owner);
    if (views === undefined) {
      views = new Map();
      this.views.set(owner, views);
    }
    if (views.has(name)) return views.get(name) as T;
    const view = make();
    views.set(name, view);
    return view;
  }
}

/** `make()`, or the view `name` of `owner` shared through `views` when there are any. */
export function sharedView<T>(views: SharedViews | undefined, owner: object, name: string, make: () => T): T {
  return views === undefined ? make() : views.of(owner, name, make);
}

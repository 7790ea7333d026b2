/** A page whose code loads when it is first shown (a chunk of its own), so that the studio's first load carries only what it needs. */
import type { ComponentType, FunctionComponent } from "preact";
import { h } from "preact";
import { useEffect, useState } from "preact/hooks";
import { ErrorNote, Loading } from "./feedback";

/** The export <paramref name="name" /> of the module <paramref name="load" /> imports, shown with a loading state meanwhile. */
export function lazyPage<P extends object>(load: () => Promise<Record<string, unknown>>, name: string): FunctionComponent<P> {
  let component: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const start = () =>
    (loading ??= load().then(
      (module) => (component = module[name] as ComponentType<P>),
      (e: unknown) => {
        loading = null;
        throw e;
      },
    ));
  return function LazyPage(props: P) {
    // A counter, not the component: a state setter given a function would call it as an updater.
    const [, setLoads] = useState(0);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (component) return;
      start().then(
        () => setLoads((n) => n + 1),
        () => setFailed(true),
      );
    }, []);
    if (component) return h(component, props);
    // A chunk that cannot be fetched is usually a console updated since this page was opened.
    if (failed) return <ErrorNote sentence="This page could not be loaded: Cantus may have been updated or stopped. Reload the page." retry={() => window.location.reload()} />;
    return <Loading what="Loading the page…" />;
  };
}

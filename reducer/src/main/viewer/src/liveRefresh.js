// Follows the live tree without remounting h5web. Bumping HsdsProvider's resetKeys would also refresh,
// but it throws away h5web's caches at once, so the tree and the plot blank out at every reload and the
// plot's zoom is lost. Instead, a refresh fetches again what h5web has on screen (metadata and values)
// with a fresh copy of h5web's own HSDS client, and only then swaps it into h5web's caches: one
// re-render, no loading screen, selection and zoom kept. What cannot be fetched (a dataset gone while a
// new scan starts) stays as it was until it is back.
//
// This leans on h5web 17.0.0 internals (pinned in package.json): the HSDS client calls its fetcher as a
// method (so the fetcher sees the client as `this`) and caches entities in a Map field `entities`, and
// the data context's stores have get/preset/evict. refresh() answers null when any of that is not
// there, and the caller falls back to resetKeys.
import { EntityKind } from '@h5web/app';

function isHsdsClient(candidate) {
  return candidate !== null && typeof candidate === 'object' && candidate.entities instanceof Map
    && typeof candidate.getEntity === 'function' && typeof candidate.getValue === 'function';
}

function hasStoreMethods(store) {
  return ['get', 'preset', 'evict'].every((method) => typeof store?.[method] === 'function');
}

function valueKey({ dataset, selection }) {
  return `${dataset.path}\u0000${selection ?? ''}`;
}

// A whole dataset read just after a new, shorter tree replaced the old one can be shorter than the shape
// fetched a moment before; h5web would fail on it, so such a value waits for the next refresh.
function fitsShape(value, { dataset, selection }) {
  const dims = dataset.shape;
  if (selection !== undefined || !Array.isArray(value) || !Array.isArray(dims)) {
    return true;
  }
  return value.length >= dims.reduce((n, d) => n * d, 1);
}

async function fulfilled(promises) {
  return (await Promise.allSettled(promises)).filter((r) => r.status === 'fulfilled').map((r) => r.value);
}

// wraps store.get; h5web's stores throw a promise while loading (not a failure) and an Error when failed
function noteReads(store, onRead, onFailure) {
  const get = store.get.bind(store);
  store.get = (key) => {
    onRead(key);
    try {
      return get(key);
    } catch (thrown) {
      if (thrown instanceof Error) {
        onFailure(key);
      }
      throw thrown;
    }
  };
}

export class LiveRefresh {
  constructor(fetcher) {
    const live = this;
    this.client = null;
    this.watched = new WeakSet();
    // What h5web read since the last refresh, i.e. what it has on screen (every refresh re-renders it
    // all), and the reads that failed, kept until they succeed: h5web shows such an error until its
    // component is mounted again.
    this.entitiesShown = new Set();
    this.valuesShown = new Map();
    this.failedEntities = new Set();
    this.failedValues = new Map();
    this.fetcher = function fetchAndNoteClient(...args) {
      if (isHsdsClient(this)) {
        live.client = this;
      }
      return fetcher(...args);
    };
  }

  /** Notes what h5web reads from its stores (h5web's data context), so that a refresh fetches it again. */
  watch({ entitiesStore, valuesStore }) {
    if (!this.watched.has(entitiesStore) && hasStoreMethods(entitiesStore)) {
      this.watched.add(entitiesStore);
      noteReads(entitiesStore, (path) => this.entitiesShown.add(path), (path) => this.failedEntities.add(path));
    }
    if (!this.watched.has(valuesStore) && hasStoreMethods(valuesStore)) {
      this.watched.add(valuesStore);
      noteReads(valuesStore, (params) => this.valuesShown.set(valueKey(params), params),
        (params) => this.failedValues.set(valueKey(params), params));
    }
  }

  /**
   * Fetches again what h5web has on screen, then puts it into h5web's stores. Re-render after it.
   * @returns null when h5web's internals are not as expected (then reset the provider instead), else
   *          `{ recovered }`: whether something that failed before is back (then mount a new <App>)
   */
  async refresh({ entitiesStore, valuesStore }) {
    const client = this.client;
    if (!isHsdsClient(client) || !hasStoreMethods(entitiesStore) || !hasStoreMethods(valuesStore)) {
      return null;
    }
    const fresh = new client.constructor(client.baseURL, client.filepath, this.fetcher, client._getExportURL);
    if (!isHsdsClient(fresh)) {
      return null;
    }
    const paths = [...new Set([...this.entitiesShown, ...this.failedEntities])];
    const shown = [...new Map([...this.valuesShown, ...this.failedValues]).values()];
    this.entitiesShown.clear();
    this.valuesShown.clear();

    const entities = await fulfilled(paths.map(async (path) => [path, await fresh.getEntity(path)]));
    const datasets = new Map();
    entities.forEach(([, entity]) => [entity, ...(entity.children ?? [])]
      .filter((e) => e.kind === EntityKind.Dataset).forEach((e) => datasets.set(e.path, e)));
    const values = (await fulfilled(shown.map(async ({ dataset, selection }) => {
      const params = { dataset: datasets.get(dataset.path) ?? (await fresh.getEntity(dataset.path)), selection };
      return [params, await fresh.getValue(params)];
    }))).filter(([params, value]) => fitsShape(value, params));

    // everything is here: swap it in (evict first: a store answers with the first entry that matches)
    entities.forEach(([, entity]) => {
      // as h5web's own store does when a group arrives: its datasets come with it
      const children = (entity.children ?? []).filter((child) => child.kind !== EntityKind.Group);
      [entity, ...children].forEach((e) => {
        entitiesStore.evict(e.path);
        entitiesStore.preset(e.path, e);
      });
    });
    values.forEach(([params, value]) => {
      valuesStore.evict(params);
      valuesStore.preset(params, value);
    });
    // what h5web fetches itself until the next refresh (a group opened in the tree) must be fresh too
    client.entities.clear();

    const recoveredPaths = entities.map(([path]) => path).filter((path) => this.failedEntities.delete(path));
    const recoveredValues = values.map(([params]) => valueKey(params)).filter((key) => this.failedValues.delete(key));
    return { recovered: recoveredPaths.length + recoveredValues.length > 0 };
  }
}

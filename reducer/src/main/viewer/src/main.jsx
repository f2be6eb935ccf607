// h5web on the reducer's own HSDS API. The reducer serves this page under /viewer/ on the same port as
// the API, so the API is simply this page's origin (no CORS) and the domain is ignored by the server.
//
// Query parameters (all optional):
//   path=<h5 path>     dataset or group selected at start, e.g. /entry/azint/I (default: the root)
//   refresh=<seconds>  pause between refreshes of the live tree; 0 starts paused (default: 2)
//
// The live bar's data-refreshes attribute counts the refreshes shown so far (the e2e check reads it).
import { StrictMode, useCallback, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App, HsdsProvider, createBasicFetcher, useDataContext } from '@h5web/app';
import '@h5web/app/styles.css';
import './viewer.css';
import { acceptNonFiniteNumbersInJson } from './nonFiniteJson.js';
import { LiveRefresh } from './liveRefresh.js';

acceptNonFiniteNumbersInJson();

const DEFAULT_REFRESH_SECONDS = 2;

const params = new URLSearchParams(window.location.search);
const initialPath = params.get('path') || '/';
const refreshSeconds = refreshFrom(params.get('refresh'));
const periodSeconds = refreshSeconds > 0 ? refreshSeconds : DEFAULT_REFRESH_SECONDS;
const live = new LiveRefresh(createBasicFetcher());

function refreshFrom(text) {
  const seconds = Number(text ?? DEFAULT_REFRESH_SECONDS);
  if (!Number.isFinite(seconds) || seconds < 0) {
    return DEFAULT_REFRESH_SECONDS;
  }
  // one refresh costs a few requests per dataset on screen: don't let a typo hammer the reducer
  return seconds === 0 ? 0 : Math.max(seconds, 0.2);
}

// the path selected in h5web's tree, if it is in the tree (h5web tells no one else)
function selectedPath() {
  return document.querySelector('.h5web [role="treeitem"][aria-selected="true"]')?.dataset.path;
}

/** Hands h5web's data context (its caches) to the live refresh; renders nothing. */
function DataContextTap({ contextRef }) {
  const context = useDataContext();
  live.watch(context);
  useEffect(() => {
    contextRef.current = context;
  });
  return null;
}

function LiveViewer() {
  const contextRef = useRef(null);
  const running = useRef(false);
  // a swap re-renders the provider, so that every h5web component reads the refreshed caches again
  const [swaps, setSwaps] = useState(0);
  // the fallback when h5web's internals are not as expected: new caches, with a loading screen
  const [resets, setResets] = useState(0);
  // a new <App> when something that failed is back: h5web's error boundaries otherwise keep the error.
  // It opens at the selection last seen in the tree (a missing dataset is not in the tree).
  const [app, setApp] = useState({ key: 0, path: initialPath });
  const lastSelected = useRef(initialPath);
  const [status, setStatus] = useState({ updated: new Date(), error: null });
  const [on, setOn] = useState(refreshSeconds > 0);

  const refresh = useCallback(async () => {
    if (running.current) {
      return;
    }
    running.current = true;
    lastSelected.current = selectedPath() ?? lastSelected.current;
    try {
      const result = contextRef.current === null ? null : await live.refresh(contextRef.current);
      if (result === null) {
        setResets((n) => n + 1);
      } else {
        setSwaps((n) => n + 1);
        if (result.recovered) {
          setApp((previous) => ({ key: previous.key + 1, path: lastSelected.current }));
        }
      }
      setStatus({ updated: new Date(), error: null });
    } catch (error) {
      setStatus((previous) => ({ ...previous, error: error.message }));
    } finally {
      running.current = false;
    }
  }, []);

  // the next refresh comes a period after the previous one is done, so a slow link never piles up requests
  useEffect(() => {
    if (!on) {
      return undefined;
    }
    let stopped = false;
    let timer;
    const next = () => {
      timer = setTimeout(async () => {
        await refresh();
        if (!stopped) {
          next();
        }
      }, periodSeconds * 1000);
    };
    next();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [on, refresh]);

  return (
    <div className="viewer">
      <header className="live-bar" data-refreshes={swaps + resets}>
        <span className="title">jdranspose</span>
        <span>{on ? `live, refreshing every ${periodSeconds} s` : 'paused'}</span>
        {status.error && <span className="error">refresh failed: {status.error}</span>}
        <span className="updated">updated {status.updated.toLocaleTimeString()}</span>
        <button type="button" onClick={() => setOn((was) => !was)}>
          {on ? 'Pause' : 'Resume'}
        </button>
        <button type="button" onClick={refresh}>
          Refresh now
        </button>
      </header>
      <main className="h5web">
        <HsdsProvider url={window.location.origin} filepath="/" resetKeys={[resets]} fetcher={live.fetcher}>
          <DataContextTap contextRef={contextRef} />
          <App key={app.key} initialPath={app.path} />
        </HsdsProvider>
      </main>
    </div>
  );
}

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <LiveViewer />
  </StrictMode>,
);

// Live updates: the server's event stream of booking changes for one hub (SSE), with
// polling as the fallback when the stream cannot be held open. Listeners get
// {kind, booking_id?} for each change, and {kind: 'resync'} whenever they should
// reload everything (after a reconnect, or on each poll).

const POLL_MS = 5000;
const SSE_RETRY_MS = 60_000;

class Live {
  #source = null;
  #hubId = null;
  #pollTimer = null;
  #retryTimer = null;
  #connectedBefore = false;
  #listeners = new Set();
  #modeListeners = new Set();
  #signedOut = () => {};
  mode = 'off'; // off | connecting | live | polling

  start(hubId) {
    this.stop();
    this.#hubId = hubId;
    this.#connectedBefore = false;
    this.#connect();
  }

  stop() {
    this.#source?.close();
    this.#source = null;
    clearInterval(this.#pollTimer);
    clearTimeout(this.#retryTimer);
    this.#pollTimer = null;
    this.#setMode('off');
  }

  subscribe(fn) {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  onMode(fn) {
    this.#modeListeners.add(fn);
    fn(this.mode);
    return () => this.#modeListeners.delete(fn);
  }

  onSignedOut(fn) { this.#signedOut = fn; }

  #emit(event) {
    for (const fn of this.#listeners) {
      try { fn(event); } catch (err) { console.error(err); }
    }
  }

  #setMode(mode) {
    this.mode = mode;
    for (const fn of this.#modeListeners) fn(mode);
  }

  #connect() {
    if (typeof EventSource === 'undefined') { this.#poll(); return; }
    this.#setMode('connecting');
    const source = new EventSource(`/api/v1/hubs/${encodeURIComponent(this.#hubId)}/events`);
    this.#source = source;
    source.addEventListener('hello', () => {
      clearInterval(this.#pollTimer);
      this.#pollTimer = null;
      this.#setMode('live');
      // Anything may have changed while we were away.
      if (this.#connectedBefore) this.#emit({ kind: 'resync' });
      this.#connectedBefore = true;
    });
    source.addEventListener('booking', (ev) => {
      let data = {};
      try { data = JSON.parse(ev.data); } catch { /* still a change */ }
      this.#emit({ kind: data.kind ?? 'changed', booking_id: data.booking_id });
    });
    source.addEventListener('resync', () => this.#emit({ kind: 'resync' }));
    source.addEventListener('signed_out', () => { this.stop(); this.#signedOut(); });
    source.onerror = () => {
      if (source !== this.#source) return;
      if (source.readyState === EventSource.CLOSED) {
        // Refused (busy, or the session ended): poll, and try the stream again later.
        this.#source = null;
        this.#poll();
        this.#retryTimer = setTimeout(() => { if (this.#hubId !== null && this.mode === 'polling') this.#connect(); }, SSE_RETRY_MS);
      } else {
        this.#setMode('connecting'); // the browser reconnects by itself
        if (!this.#pollTimer) this.#pollTimer = setInterval(() => this.#emit({ kind: 'resync' }), POLL_MS);
      }
    };
  }

  #poll() {
    this.#setMode('polling');
    clearInterval(this.#pollTimer);
    this.#pollTimer = setInterval(() => this.#emit({ kind: 'resync' }), POLL_MS);
  }
}

export const live = new Live();

// api.js - the station's HTTP calls (docs/station-protocol.md): JSON in and
// out, the session travelling in the saqr_session cookie.  Every call
// resolves to {status, body} (body: the parsed JSON, or null) and never
// throws; a network failure is status 0.

async function call(method, path, body) {
  try {
    const res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let json = null;
    try {
      json = await res.json();
    } catch {
      json = null;
    }
    return { status: res.status, body: json };
  } catch (e) {
    return { status: 0, body: { error: `no answer from the station (${e.message})` } };
  }
}

export const getJson = (path) => call('GET', path);
export const postJson = (path, body) => call('POST', path, body ?? {});

// In-page driver for the real @telnyx/webrtc SDK (global `TelnyxWebRTC`), served with the test
// page. Tests call `window.H.*` through page.evaluate and read the recorded SDK events.
export const HARNESS_JS = String.raw`
window.H = (() => {
  const events = [];
  const calls = new Map();
  let client = null;
  const log = (type, data) => events.push({ at: Date.now(), type, ...(data || {}) });
  function connect(opts) {
    const options = { host: opts.host, iceServers: [], ...(opts.extra || {}) };
    if (opts.login) { options.login = opts.login; options.password = opts.password; }
    if (opts.token) options.login_token = opts.token;
    client = new TelnyxWebRTC.TelnyxRTC(options);
    client.remoteElement = 'remoteAudio';
    client.on('telnyx.ready', () => log('ready'));
    client.on('telnyx.error', (e) => log('error', { code: e && e.error && e.error.code, name: e && e.error && e.error.name }));
    client.on('telnyx.socket.open', () => log('socket.open'));
    client.on('telnyx.socket.close', () => log('socket.close'));
    client.on('telnyx.notification', (n) => {
      if (n.type !== 'callUpdate' || !n.call) return;
      const c = n.call;
      calls.set(c.id, c);
      log('call', { id: c.id, state: c.state, direction: c.direction, cause: c.cause,
        causeCode: c.causeCode, sipCode: c.sipCode, sipReason: c.sipReason,
        callControlId: c.telnyxIDs && c.telnyxIDs.telnyxCallControlId,
        remoteCallerName: c.options && c.options.remoteCallerName,
        remoteCallerNumber: c.options && c.options.remoteCallerNumber,
        customHeaders: c.options && c.options.customHeaders });
    });
    client.connect();
  }
  function newCall(opts) {
    const call = client.newCall(opts);
    calls.set(call.id, call);
    return call.id;
  }
  const call = (id) => { const c = calls.get(id); if (!c) throw new Error('no call ' + id); return c; };
  async function inboundAudio(id) {
    const pc = call(id).peer && call(id).peer.instance;
    if (!pc) return { packets: 0, bytes: 0, codec: null, state: 'none' };
    const stats = await pc.getStats();
    let packets = 0, bytes = 0, codecId = null;
    stats.forEach((r) => { if (r.type === 'inbound-rtp' && r.kind === 'audio') { packets += r.packetsReceived || 0; bytes += r.bytesReceived || 0; codecId = r.codecId || codecId; } });
    const codec = codecId && stats.get(codecId) ? stats.get(codecId).mimeType : null;
    return { packets, bytes, codec, state: pc.connectionState };
  }
  return {
    events, connect, newCall, inboundAudio,
    answer: (id) => call(id).answer(),
    hangup: (id) => call(id).hangup(),
    hold: (id) => call(id).hold(),
    unhold: (id) => call(id).unhold(),
    dtmf: (id, d) => call(id).dtmf(d),
    state: (id) => calls.has(id) ? call(id).state : null,
    socketDisconnect: () => client.socketDisconnect(),
    disconnect: () => client.disconnect(),
    reconnect: () => client.connect(),
    connected: () => !!client && client.connected,
  };
})();
`;

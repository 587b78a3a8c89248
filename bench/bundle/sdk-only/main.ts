// The bundle benchmark's baseline: the least a page needs to place a call with the bare SDK
// (log in, dial, hang up), built with the renderer's own Vite settings.
import { TelnyxRTC } from '@telnyx/webrtc';

const client = new TelnyxRTC({ login: 'agent', password: 'secret' });
client.remoteElement = 'remoteAudio';
client.on('telnyx.ready', () => {
  const call = client.newCall({ destinationNumber: '+15551230000', callerNumber: '+15559870000' });
  setTimeout(() => void call.hangup(), 1_000);
});
void client.connect();

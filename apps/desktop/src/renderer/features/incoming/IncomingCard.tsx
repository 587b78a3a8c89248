import { Phone, PhoneIncoming, PhoneOff } from 'lucide-react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useServices, useSlice } from '../../app/services-context.js';
import { Button } from '../../ui/Button.js';
import type { IncomingStore, Ringing } from './incoming.store.js';

interface Props {
  call: Ringing;
  store: IncomingStore;
  /** Another call is live: answering puts it on hold first. */
  busy: boolean;
  format: (number: string) => string;
  describe: (number: string) => string | null;
}

/** The full-window ringing card: answer or decline by click, keyboard or the global shortcuts. */
export function IncomingCard({ call, store, busy, format, describe }: Props) {
  const { engine } = useServices();
  const { busy: pressing, message } = useSlice(store, (s) => s);
  const who = format(call.remoteNumber);
  const known = describe(call.remoteNumber);
  const answer = () => void store.getState().pressed(() => engine.answer(call.id));
  const decline = () => void store.getState().pressed(() => engine.decline(call.id));
  return (
    <ModalOverlay isOpen className="incoming-overlay">
      <Modal className="incoming-modal">
        <Dialog
          role="alertdialog"
          className="incoming-card"
          aria-label={`Incoming call from ${who}`}
        >
          <span className="ring-icon" aria-hidden="true">
            <PhoneIncoming size={28} />
          </span>
          <p className="muted small">{busy ? 'Another call is waiting' : 'Incoming call'}</p>
          <Heading slot="title" className="call-number mono">
            {who}
          </Heading>
          {call.remoteName && call.remoteName !== call.remoteNumber && (
            <p className="call-name">{call.remoteName}</p>
          )}
          {known && <p className="muted small">{known}</p>}
          {message && (
            <p className="field-error" role="alert">
              {message}
            </p>
          )}
          <div className="incoming-actions">
            <Button variant="danger" onPress={decline} isDisabled={pressing}>
              <PhoneOff size={18} aria-hidden="true" /> Decline
            </Button>
            <Button variant="call" onPress={answer} isDisabled={pressing} autoFocus>
              <Phone size={18} aria-hidden="true" /> {busy ? 'Hold and answer' : 'Answer'}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

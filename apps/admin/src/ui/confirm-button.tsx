import { useState } from 'react';
import { ModalDialog } from './dialog';

/** A button whose action runs only after the admin confirms it in a dialog. */
export function ConfirmButton(props: {
  label: string;
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
  ariaLabel?: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        className="btn btn-danger"
        type="button"
        aria-label={props.ariaLabel}
        onClick={() => setOpen(true)}
      >
        {props.label}
      </button>
      <ModalDialog title={props.title} isOpen={open} onOpenChange={setOpen}>
        <p>{props.message}</p>
        <div className="btn-row">
          <button
            className="btn btn-primary"
            type="button"
            onClick={() => {
              setOpen(false);
              props.onConfirm();
            }}
          >
            {props.confirmLabel}
          </button>
          <button className="btn" type="button" onClick={() => setOpen(false)}>
            Cancel
          </button>
        </div>
      </ModalDialog>
    </>
  );
}

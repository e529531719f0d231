import { type ReactNode, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/api-error';
import { FormAlert } from './form-alert';
import { Modal } from './modal';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

/** Asks before a destructive action, and shows the API's reason if it is refused. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  // The safe choice gets focus when the dialog opens (showModal would pick the first button: confirm).
  useEffect(() => {
    if (open) cancelRef.current?.focus();
  }, [open]);

  const close = () => {
    if (busy) return;
    setError(null);
    onClose();
  };

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      setBusy(false);
      onClose();
    } catch (err) {
      setBusy(false);
      setError(errorMessage(err));
    }
  };

  return (
    <Modal open={open} title={title} onClose={close}>
      <div className="modal__body">{children}</div>
      <FormAlert message={error} />
      <div className="button-row">
        <button type="button" className="button button--danger" onClick={confirm} disabled={busy}>
          {busy ? 'Working…' : confirmLabel}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={close}
          disabled={busy}
          ref={cancelRef}
        >
          Cancel
        </button>
      </div>
    </Modal>
  );
}

import type { Person, PersonUpdateInput, Role } from '@kintsugi/core';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { FormAlert } from '../../components/form-alert';
import { Modal } from '../../components/modal';
import { SubmitButton } from '../../components/submit-button';
import { useFormErrors } from '../../hooks/use-form-errors';
import { PersonFields } from './person-fields';

interface EditPersonDialogProps {
  person: Person | null;
  onClose: () => void;
  onSaved: () => void;
}

export function EditPersonDialog({ person, onClose, onSaved }: EditPersonDialogProps) {
  return (
    <Modal open={person !== null} title={person ? `Edit ${person.name}` : 'Edit person'} onClose={onClose}>
      {/* Keyed so each opening starts from the person's current values. */}
      {person ? <EditPersonForm key={person.id} person={person} onClose={onClose} onSaved={onSaved} /> : null}
    </Modal>
  );
}

function EditPersonForm({
  person,
  onClose,
  onSaved,
}: {
  person: Person;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { errors, showFields, showError } = useFormErrors();
  const [name, setName] = useState(person.name);
  const [email, setEmail] = useState(person.email);
  const [role, setRole] = useState<Role>(person.role);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const fields: Record<string, string> = {};
    if (!name.trim()) fields.name = 'Enter their name.';
    if (!email.trim()) fields.email = 'Enter their email address.';
    if (Object.keys(fields).length > 0) return showFields(fields);

    // Send only what changed, so an unchanged email is never re-validated or re-checked for clashes.
    const changes: PersonUpdateInput = {};
    if (name !== person.name) changes.name = name;
    if (email !== person.email) changes.email = email;
    if (role !== person.role) changes.role = role;
    if (Object.keys(changes).length === 0) return onClose();

    setBusy(true);
    try {
      await api.patch<Person>(`/api/v1/people/${person.id}`, changes);
      onSaved();
      onClose();
    } catch (error) {
      setBusy(false);
      showError(error);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="form">
      <PersonFields
        name={name}
        onNameChange={setName}
        email={email}
        onEmailChange={setEmail}
        role={role}
        onRoleChange={setRole}
        errors={errors.fields}
      />
      <FormAlert message={errors.form} />
      <div className="button-row">
        <SubmitButton busy={busy} busyLabel="Saving…">
          Save changes
        </SubmitButton>
        <button type="button" className="button button--secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

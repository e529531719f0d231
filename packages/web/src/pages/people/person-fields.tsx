import type { Role } from '@kintsugi/core';
import { SelectField, TextField } from '../../components/field';
import { ROLE_HINT, ROLE_OPTIONS } from '../../components/role-options';

interface PersonFieldsProps {
  name: string;
  onNameChange: (name: string) => void;
  email: string;
  onEmailChange: (email: string) => void;
  role: Role;
  onRoleChange: (role: Role) => void;
  errors: Record<string, string | undefined>;
}

/** The name, email and role fields shared by adding and editing a person. */
export function PersonFields({
  name,
  onNameChange,
  email,
  onEmailChange,
  role,
  onRoleChange,
  errors,
}: PersonFieldsProps) {
  return (
    <>
      <TextField
        label="Name"
        value={name}
        onValueChange={onNameChange}
        error={errors.name}
        autoComplete="off"
        required
      />
      <TextField
        label="Email"
        type="email"
        value={email}
        onValueChange={onEmailChange}
        error={errors.email}
        autoComplete="off"
        required
      />
      <SelectField
        label="Role"
        value={role}
        onValueChange={(value) => onRoleChange(value as Role)}
        options={ROLE_OPTIONS}
        hint={ROLE_HINT}
        error={errors.role}
      />
    </>
  );
}

import { useCallback, useState } from 'react';
import { ApiError, errorMessage } from '../api/api-error';

export interface FormErrors {
  /** The summary shown above the submit button (the problem's `detail`). */
  form: string | null;
  fields: Record<string, string>;
}

const NO_ERRORS: FormErrors = { form: null, fields: {} };

/** Keeps a form's errors, and turns API problems into a summary plus per-field messages. */
export function useFormErrors() {
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);

  const clear = useCallback(() => setErrors(NO_ERRORS), []);

  const showFields = useCallback(
    (fields: Record<string, string>, form = 'Please correct the highlighted fields above.') => {
      setErrors({ form, fields });
      focusFirstInvalid(currentForm());
    },
    [],
  );

  const showError = useCallback((error: unknown) => {
    const fields = error instanceof ApiError ? error.fieldErrors : {};
    setErrors({ form: errorMessage(error), fields });
    if (Object.keys(fields).length > 0) focusFirstInvalid(currentForm());
  }, []);

  /**
   * The person changed a field: its message goes (it may no longer be true), and once no field has one, neither
   * has the form. A message left beside a field they already changed reads as a stale warning.
   */
  const clearField = useCallback((field: string) => {
    setErrors((current) => {
      if (!(field in current.fields)) return current;
      const { [field]: _gone, ...fields } = current.fields;
      return { form: Object.keys(fields).length > 0 ? current.form : null, fields };
    });
  }, []);

  return { errors, clear, clearField, showFields, showError };
}

/** The form being submitted: focus is on its submit button (or a field) at that moment. */
function currentForm(): ParentNode {
  return document.activeElement?.closest('form') ?? document;
}

function focusFirstInvalid(scope: ParentNode): void {
  // Wait for React to render aria-invalid before looking for the first invalid field.
  requestAnimationFrame(() => {
    scope.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  });
}

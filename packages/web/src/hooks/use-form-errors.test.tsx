// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useFormErrors } from './use-form-errors';

afterEach(cleanup);

describe('a form’s errors', () => {
  it('drop a field’s message when that field changes, and the summary once no field has one', () => {
    const { result } = renderHook(() => useFormErrors());
    act(() => result.current.showFields({ name: 'Enter their name.', email: 'This email is already used.' }));
    expect(result.current.errors.form).not.toBeNull();

    act(() => result.current.clearField('email'));
    expect(result.current.errors.fields).toEqual({ name: 'Enter their name.' });
    expect(result.current.errors.form).not.toBeNull();

    act(() => result.current.clearField('role'));
    expect(result.current.errors.fields).toEqual({ name: 'Enter their name.' });

    act(() => result.current.clearField('name'));
    expect(result.current.errors).toEqual({ form: null, fields: {} });
  });
});

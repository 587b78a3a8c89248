/** A text field's value from a submitted form ('' when absent; files never come from these forms). */
export function text(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
}

/** A text field's trimmed value, or undefined when empty (an unset filter). */
export const optional = (form: FormData, name: string): string | undefined =>
  text(form, name).trim() || undefined;

// The server's refusals shown where they belong: `{error, details:[{path,
// message}]}` → the form's message at its top and each detail next to the
// field it names. Forms keep what was typed; only the messages change.
import { cloneElement, isValidElement, useCallback, useState, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http.ts';

export interface FormErrors {
  readonly message: string | null;
  readonly fields: Readonly<Record<string, string>>;
}

export const NO_ERRORS: FormErrors = { message: null, fields: {} };

export function useFormErrors() {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const fail = useCallback((error: unknown) => setErrors(errorsOf(error, t('billing.errors.offline'))), [t]);
  const local = useCallback((fields: Record<string, string>, message: string | null = null) => setErrors({ message, fields }), []);
  const clear = useCallback(() => setErrors(NO_ERRORS), []);
  const hasLocal = (fields: Record<string, string>): boolean => {
    if (Object.keys(fields).length === 0) return false;
    setErrors({ message: null, fields });
    return true;
  };
  return { errors, fail, local, clear, hasLocal };
}

export function errorsOf(error: unknown, offline: string): FormErrors {
  if (error instanceof ApiError) {
    const fields: Record<string, string> = {};
    for (const d of error.details ?? []) {
      const key = d.path ?? '';
      fields[key] = fields[key] ? `${fields[key]} ; ${d.message}` : d.message;
    }
    return { message: error.status === 0 ? offline : error.message, fields };
  }
  return { message: error instanceof Error ? error.message : String(error), fields: {} };
}

/** The id of a field's message, for aria-describedby. */
export const errorId = (form: string, path: string): string => `${form}-err-${path.replace(/[^a-zA-Z0-9_-]/g, '_')}`;

/** Props for an input whose server path is `path`. */
export function fieldProps(form: string, errors: FormErrors, path: string): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  return errors.fields[path] ? { 'aria-invalid': true, 'aria-describedby': errorId(form, path) } : {};
}

export function FieldError({ form, errors, path }: { form: string; errors: FormErrors; path: string }) {
  const message = errors.fields[path];
  if (!message) return null;
  return (
    <small className="field-error" id={errorId(form, path)}>
      {message}
    </small>
  );
}

/** The form's message, with the details no field of the form shows. */
export function FormError({ errors, shown = [] }: { errors: FormErrors; shown?: readonly string[] | ((path: string) => boolean) }) {
  const isShown = typeof shown === 'function' ? shown : (path: string) => shown.includes(path);
  const others = Object.entries(errors.fields).filter(([path, message]) => !isShown(path) && message !== errors.message);
  if (!errors.message && others.length === 0) return null;
  return (
    <div className="form-error" role="alert">
      {errors.message && <p>{errors.message}</p>}
      {others.length > 0 && (
        <ul>
          {others.map(([path, message]) => (
            <li key={path}>{path ? `${path} : ${message}` : message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * A labelled control with its server message under it (outside the label, so
 * the control's name stays its label), tied by aria-describedby.
 */
export function FormField({
  form,
  errors,
  path,
  label,
  children,
  className,
}: {
  form: string;
  errors: FormErrors;
  path: string;
  label: ReactNode;
  children: ReactElement<{ id?: string }>;
  className?: string;
}) {
  const id = `${form}-field-${path.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
  const control = isValidElement(children) ? cloneElement(children, { id, ...fieldProps(form, errors, path) }) : children;
  return (
    <div className={`field${errors.fields[path] ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {control}
      <FieldError form={form} errors={errors} path={path} />
    </div>
  );
}

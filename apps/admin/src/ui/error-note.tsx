import { explain } from './explain-error';

/** An error explained in plain words, announced to screen readers. */
export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  const e = explain(error);
  return (
    <div className="note note-error" role="alert">
      <strong>{e.title}</strong> {e.action}
      <div className="note-detail">{e.detail}</div>
    </div>
  );
}

import type { OrgSettings } from '@crokodialer/shared';
import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../../ui/error-note';
import { useSaveSettings } from './settings-api';

/** WebRTC host, whether a disposition is required, and the disposition list agents pick from. */
export function CallingCard({ s }: { s: OrgSettings }) {
  const save = useSaveSettings();
  const [host, setHost] = useState(s.webrtcHost);
  const [required, setRequired] = useState(s.requireDisposition);
  const [list, setList] = useState(s.dispositions);
  const [adding, setAdding] = useState('');
  const add = () => {
    // Dispositions are slugs: lowercase words joined by dashes.
    const d = adding
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    if (d && !list.includes(d)) setList([...list, d]);
    setAdding('');
  };
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate({
      webrtcHost: host.trim() || null,
      requireDisposition: required,
      dispositions: list,
    });
  }
  return (
    <section className="card grid" aria-labelledby="calling-title">
      <h2 id="calling-title">Calling</h2>
      <form className="grid" onSubmit={submit}>
        <label className="field">
          <span>WebRTC host</span>
          <input value={host} onChange={(e) => setHost(e.target.value)} />
          <span className="hint">Leave as is unless Telnyx gave you another host.</span>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={required}
            onChange={(e) => setRequired(e.target.checked)}
          />
          Require a disposition after every call
        </label>
        <fieldset className="field fieldset">
          <legend>Dispositions</legend>
          <ol className="member-list" aria-label="Dispositions">
            {list.map((d) => (
              <li key={d}>
                <span>{d}</span>
                <button
                  className="btn btn-ghost"
                  type="button"
                  aria-label={`Remove ${d}`}
                  disabled={list.length === 1}
                  onClick={() => setList(list.filter((x) => x !== d))}
                >
                  Remove
                </button>
              </li>
            ))}
          </ol>
          <div className="btn-row">
            <input
              aria-label="New disposition"
              value={adding}
              maxLength={60}
              onChange={(e) => setAdding(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  add();
                }
              }}
            />
            <button className="btn" type="button" disabled={!adding.trim()} onClick={add}>
              Add
            </button>
          </div>
          <span className="hint">Agents pick one after each call; keep at least one.</span>
        </fieldset>
        <ErrorNote error={save.error} />
        <div className="btn-row">
          <button className="btn btn-primary" type="submit" disabled={save.isPending}>
            Save
          </button>
          {save.isSuccess && (
            <span className="muted" role="status">
              Saved.
            </span>
          )}
        </div>
      </form>
    </section>
  );
}

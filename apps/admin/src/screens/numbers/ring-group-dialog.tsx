import type { Agent, RingGroup } from '@crokodialer/shared';
import { useState, type FormEvent } from 'react';
import { ModalDialog } from '../../ui/dialog';
import { ErrorNote } from '../../ui/error-note';
import { useSaveRingGroup } from './numbers-api';

/** A ring group's name and its members in ring order (moved up and down, added, removed). */
export function RingGroupDialog(props: {
  group: RingGroup | null;
  agents: Agent[];
  onClose: () => void;
}) {
  const save = useSaveRingGroup();
  const [name, setName] = useState(props.group?.name ?? '');
  const [members, setMembers] = useState<string[]>(props.group?.memberIds ?? []);
  const [adding, setAdding] = useState('');
  const nameOf = (id: string) => props.agents.find((a) => a.id === id)?.name ?? 'Removed agent';
  const addable = props.agents.filter((a) => a.active && !members.includes(a.id));
  const move = (i: number, by: -1 | 1) =>
    setMembers((m) => {
      const next = [...m];
      [next[i], next[i + by]] = [next[i + by]!, next[i]!];
      return next;
    });
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate(
      { id: props.group?.id, name: name.trim(), memberIds: members },
      { onSuccess: props.onClose },
    );
  }
  return (
    <ModalDialog
      title={props.group ? `Edit ${props.group.name}` : 'New ring group'}
      isOpen
      onOpenChange={(o) => !o && props.onClose()}
    >
      <form className="grid" onSubmit={submit}>
        <label className="field">
          <span>Name</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={120}
            autoFocus
          />
        </label>
        <fieldset className="field fieldset">
          <legend>Members, in ring order</legend>
          {members.length === 0 && <span className="hint">Nobody yet: add agents below.</span>}
          <ol className="member-list" aria-label="Members">
            {members.map((id, i) => (
              <li key={id}>
                <span className="member-name">
                  {i + 1}. {nameOf(id)}
                </span>
                <span className="btn-row">
                  <button
                    className="btn btn-ghost"
                    type="button"
                    aria-label={`Move ${nameOf(id)} up`}
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                  >
                    ↑
                  </button>
                  <button
                    className="btn btn-ghost"
                    type="button"
                    aria-label={`Move ${nameOf(id)} down`}
                    disabled={i === members.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    ↓
                  </button>
                  <button
                    className="btn btn-ghost"
                    type="button"
                    aria-label={`Remove ${nameOf(id)}`}
                    onClick={() => setMembers((m) => m.filter((x) => x !== id))}
                  >
                    Remove
                  </button>
                </span>
              </li>
            ))}
          </ol>
          <div className="btn-row">
            <select
              aria-label="Agent to add"
              value={adding}
              onChange={(e) => setAdding(e.target.value)}
            >
              <option value="">Choose an agent…</option>
              {addable.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
            <button
              className="btn"
              type="button"
              disabled={!adding}
              onClick={() => {
                setMembers((m) => [...m, adding]);
                setAdding('');
              }}
            >
              Add member
            </button>
          </div>
        </fieldset>
        <ErrorNote error={save.error} />
        <div className="btn-row">
          <button className="btn btn-primary" type="submit" disabled={save.isPending}>
            Save ring group
          </button>
          <button className="btn" type="button" onClick={props.onClose}>
            Cancel
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
